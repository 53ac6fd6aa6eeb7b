/**
 * The base images HelloBench images were built FROM in early 2016, as stacks
 * of layers. Official images of the time were mostly built on debian:jessie,
 * and the language images on buildpack-deps (curl, then scm, then the full
 * build toolchain), which is why so much of their data sits deep down.
 *
 * Sizes are medians in MB of uncompressed layer content: estimates of the
 * period's images (the paper did not publish them). Zero marks a layer made
 * by a metadata instruction (ENV, CMD, EXPOSE...), which Docker 1.9 still
 * stored as a layer of its own.
 */

export type FamilyName =
  | 'scratch'
  | 'debian'
  | 'buildpack-curl'
  | 'buildpack-scm'
  | 'buildpack'
  | 'java'
  | 'python'
  | 'ruby'
  | 'node'
  | 'php';

export interface Family {
  parent: FamilyName | null;
  /** This family's own layers above its parent, base first, in MB. */
  layersMB: number[];
}

export const families: Record<FamilyName, Family> = {
  scratch: { parent: null, layersMB: [] },
  debian: { parent: 'scratch', layersMB: [125, 0] },
  'buildpack-curl': { parent: 'debian', layersMB: [40, 0] },
  'buildpack-scm': { parent: 'buildpack-curl', layersMB: [120, 0] },
  buildpack: { parent: 'buildpack-scm', layersMB: [420, 0] },
  java: { parent: 'buildpack-curl', layersMB: [2, 0, 0, 0, 300, 1, 0] },
  python: { parent: 'buildpack', layersMB: [0, 0, 60, 0, 10, 0] },
  ruby: { parent: 'buildpack', layersMB: [0, 0, 0, 80, 0, 5, 0, 0] },
  node: { parent: 'buildpack', layersMB: [1, 0, 0, 40, 0] },
  php: { parent: 'debian', layersMB: [200, 0, 0, 1, 0, 0, 50, 0, 0] },
};

/**
 * What each HelloBench image was built FROM (the official Dockerfiles of the
 * time, simplified to these families; distributions start from scratch).
 */
export const imageFamily: Record<string, FamilyName> = {
  alpine: 'scratch', busybox: 'scratch', crux: 'scratch', cirros: 'scratch',
  debian: 'debian', ubuntu: 'scratch', 'ubuntu-upstart': 'scratch',
  'ubuntu-debootstrap': 'scratch', centos: 'scratch', fedora: 'scratch',
  opensuse: 'scratch', oraclelinux: 'scratch', mageia: 'scratch',
  'hello-world': 'scratch',
  mysql: 'debian', percona: 'debian', mariadb: 'debian', postgres: 'debian',
  redis: 'debian', rethinkdb: 'debian', mongo: 'debian', nginx: 'debian',
  httpd: 'debian', rabbitmq: 'debian', registry: 'debian', 'php-zendserver': 'debian',
  'r-base': 'debian', julia: 'debian', mono: 'debian', haskell: 'debian',
  crate: 'java', cassandra: 'java', elasticsearch: 'java', java: 'java',
  clojure: 'java', jruby: 'java', jenkins: 'java', sonarqube: 'java',
  glassfish: 'java', jetty: 'java', tomcat: 'java',
  perl: 'buildpack', 'rakudo-star': 'buildpack', pypy: 'buildpack', golang: 'buildpack',
  gcc: 'buildpack', thrift: 'buildpack', python: 'python', ruby: 'ruby',
  node: 'node', iojs: 'buildpack',
  php: 'php', django: 'python', hylang: 'python', rails: 'ruby', ghost: 'node',
  drupal: 'php',
};

/** Images that are themselves the top of a family: they add only their CMD layer. */
export const familyImages = new Set(['debian', 'java', 'python', 'ruby', 'node', 'php']);
