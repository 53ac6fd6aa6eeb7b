/**
 * The images `build-images.ts` builds from Debian packages and the
 * HelloBench workloads it runs in them. Layers form chains the way Docker
 * Hub images of the paper's time did: a Debian base, the buildpack-deps
 * stack (curl, scm, build tools) under the language images, then one layer
 * per runtime or service and one for the workload's own files. Images that
 * share a prefix share its layers, as on a registry.
 */

export interface LayerSpec {
  id: string;
  /** The layer below (none for the base). */
  parent?: string;
  /** Debian packages installed in this layer (apt-get install, no recommends). */
  packages?: string[];
  /** Shell run in the image after the packages, as root (`set -e`). */
  script?: string;
  /** Files written into the layer, path -> content. */
  files?: Record<string, string>;
  /** Files made executable. */
  executables?: string[];
  /**
   * How the layer's root comes to be when it has no parent: `debootstrap`
   * (Debian minbase), `busybox` (the host's busybox-static and its applet
   * links) or `hello` (one static hello-world program).
   */
  origin?: 'debootstrap' | 'busybox' | 'hello';
}

export interface WorkloadSpec {
  /** HelloBench image name. */
  name: string;
  category: 'distro' | 'language' | 'database' | 'web-server' | 'web-framework' | 'other';
  /** Top layer of the image. */
  layer: string;
  command: string[];
  /** `exit`, `log:TEXT` or `tcp:PORT`, as HelloBench judges readiness. */
  ready: string;
  /** Text fed on standard input (HelloBench's stdin workloads). */
  stdin?: string;
  /** User name inside the image the command runs as (default root). */
  user?: string;
  env?: Record<string, string>;
  timeoutSec?: number;
}

const RECOMMENDS_OFF =
  'APT::Install-Recommends "false";\nAPT::Install-Suggests "false";\n';

export const LAYERS: LayerSpec[] = [
  // The Debian base, as debian:bookworm ships it: a minbase root, services kept from starting.
  {
    id: 'debian',
    origin: 'debootstrap',
    files: {
      'usr/sbin/policy-rc.d': '#!/bin/sh\nexit 101\n',
      'etc/apt/apt.conf.d/90norecommends': RECOMMENDS_OFF,
    },
    executables: ['usr/sbin/policy-rc.d'],
  },
  {
    id: 'curl',
    parent: 'debian',
    packages: ['ca-certificates', 'curl', 'wget', 'netbase', 'gnupg'],
  },
  { id: 'scm', parent: 'curl', packages: ['git', 'openssh-client', 'procps'] },
  {
    id: 'buildpack',
    parent: 'scm',
    packages: [
      'gcc',
      'g++',
      'make',
      'libc6-dev',
      'pkg-config',
      'libssl-dev',
      'zlib1g-dev',
      'libffi-dev',
    ],
  },

  { id: 'python', parent: 'buildpack', packages: ['python3', 'python3-venv'] },
  {
    id: 'python-pip',
    parent: 'python',
    packages: ['python3-pip', 'python3-setuptools', 'python3-wheel'],
  },
  { id: 'django', parent: 'python-pip', packages: ['python3-django'] },
  {
    id: 'django-app',
    parent: 'django',
    script: 'mkdir -p /srv && cd /srv && django-admin startproject hello',
  },
  { id: 'pypy', parent: 'buildpack', packages: ['pypy3'] },
  { id: 'perl', parent: 'buildpack', packages: ['perl'] },
  { id: 'ruby', parent: 'buildpack', packages: ['ruby', 'ruby-dev'] },
  { id: 'rails', parent: 'ruby', packages: ['ruby-rails'] },
  { id: 'php', parent: 'curl', packages: ['php-cli'] },
  { id: 'node', parent: 'buildpack', packages: ['nodejs'] },
  { id: 'node-app', parent: 'node', files: { 'usr/src/app/index.js': nodeServer() } },
  {
    id: 'gcc-app',
    parent: 'buildpack',
    files: {
      'src/main.c':
        '#include <stdio.h>\nint main(void) { printf("hello\\n"); return 0; }\n',
    },
  },
  { id: 'golang', parent: 'buildpack', packages: ['golang-go'] },
  {
    id: 'golang-app',
    parent: 'golang',
    files: {
      'go/src/main.go':
        'package main\n\nimport "fmt"\n\nfunc main() { fmt.Println("hello") }\n',
    },
  },
  { id: 'java', parent: 'scm', packages: ['openjdk-17-jdk-headless'] },
  {
    id: 'java-app',
    parent: 'java',
    files: {
      'src/Main.java':
        'public class Main {\n  public static void main(String[] args) { System.out.println("hello"); }\n}\n',
    },
  },
  { id: 'r-base', parent: 'debian', packages: ['r-base-core'] },
  { id: 'rakudo', parent: 'buildpack', packages: ['rakudo'] },
  { id: 'thrift', parent: 'buildpack', packages: ['thrift-compiler'] },
  {
    id: 'thrift-app',
    parent: 'thrift',
    files: { 'src/hello.idl': 'service HelloSvc {\n  string hello_func(),\n}\n' },
  },

  { id: 'redis', parent: 'debian', packages: ['redis-server'] },
  {
    id: 'postgres',
    parent: 'debian',
    packages: ['postgresql', 'locales'],
    script:
      'mkdir -p /var/lib/postgresql/data /var/run/postgresql && chown -R postgres:postgres /var/lib/postgresql /var/run/postgresql',
  },
  {
    id: 'mariadb',
    parent: 'debian',
    packages: ['mariadb-server'],
    script: 'mkdir -p /run/mysqld && chown mysql:mysql /run/mysqld',
  },

  { id: 'nginx', parent: 'debian', packages: ['nginx-light'] },
  { id: 'httpd', parent: 'debian', packages: ['apache2'] },
  { id: 'tomcat', parent: 'java', packages: ['tomcat10'] },
  { id: 'jetty', parent: 'java', packages: ['jetty9'] },

  { id: 'rabbitmq', parent: 'debian', packages: ['rabbitmq-server'] },
  { id: 'registry', parent: 'debian', packages: ['docker-registry'] },
  { id: 'busybox', origin: 'busybox' },
  { id: 'hello-world', origin: 'hello' },
];

const helloRun = (cmd: string) => ['/bin/sh', '-c', cmd];

export const WORKLOADS: WorkloadSpec[] = [
  {
    name: 'debian',
    category: 'distro',
    layer: 'debian',
    command: ['echo', 'hello'],
    ready: 'exit',
  },
  {
    name: 'busybox',
    category: 'distro',
    layer: 'busybox',
    command: ['echo', 'hello'],
    ready: 'exit',
  },
  {
    name: 'hello-world',
    category: 'other',
    layer: 'hello-world',
    command: ['/hello'],
    ready: 'exit',
  },
  {
    name: 'python',
    category: 'language',
    layer: 'python-pip',
    command: ['python3', '-c', 'print("hello")'],
    ready: 'exit',
  },
  {
    name: 'pypy',
    category: 'language',
    layer: 'pypy',
    command: ['pypy3', '-c', 'print("hello")'],
    ready: 'exit',
  },
  {
    name: 'perl',
    category: 'language',
    layer: 'perl',
    command: ['perl', '-e', 'print "hello\\n"'],
    ready: 'exit',
  },
  {
    name: 'ruby',
    category: 'language',
    layer: 'ruby',
    command: ['ruby'],
    stdin: 'puts "hello"\n',
    ready: 'exit',
  },
  {
    name: 'php',
    category: 'language',
    layer: 'php',
    command: ['php'],
    stdin: '<?php echo "hello\\n"; ?>\n',
    ready: 'exit',
  },
  {
    name: 'gcc',
    category: 'language',
    layer: 'gcc-app',
    command: helloRun('cd /src && gcc main.c -o /tmp/hello && /tmp/hello'),
    ready: 'exit',
  },
  {
    name: 'golang',
    category: 'language',
    layer: 'golang-app',
    command: helloRun('cd /go/src && HOME=/tmp GOCACHE=/tmp/go-cache go run main.go'),
    ready: 'exit',
    timeoutSec: 120,
  },
  {
    name: 'java',
    category: 'language',
    layer: 'java-app',
    command: helloRun('cd /src && javac -d /tmp Main.java && java -cp /tmp Main'),
    ready: 'exit',
    timeoutSec: 120,
  },
  {
    name: 'r-base',
    category: 'language',
    layer: 'r-base',
    command: ['R', '--no-save', '-q'],
    stdin: 'print("hello")\n',
    ready: 'exit',
  },
  {
    name: 'rakudo-star',
    category: 'language',
    layer: 'rakudo',
    command: ['raku', '-e', 'say "hello"'],
    ready: 'exit',
  },
  {
    name: 'thrift',
    category: 'language',
    layer: 'thrift-app',
    command: helloRun('cd /tmp && thrift --gen py /src/hello.idl && ls gen-py'),
    ready: 'exit',
  },
  {
    name: 'redis',
    category: 'database',
    layer: 'redis',
    command: ['redis-server', '--save', '', '--protected-mode', 'no'],
    ready: 'log:Ready to accept connections',
    user: 'redis',
  },
  {
    name: 'postgres',
    category: 'database',
    layer: 'postgres',
    command: helloRun(
      'PG=$(ls -d /usr/lib/postgresql/*/bin) && $PG/initdb -D /var/lib/postgresql/data >/dev/null && exec $PG/postgres -D /var/lib/postgresql/data -k /tmp',
    ),
    ready: 'log:database system is ready to accept connections',
    user: 'postgres',
    timeoutSec: 120,
  },
  {
    name: 'mariadb',
    category: 'database',
    layer: 'mariadb',
    command: helloRun(
      'mariadb-install-db --user=root --skip-test-db --force --skip-name-resolve >/dev/null && exec mariadbd --user=root --skip-name-resolve',
    ),
    ready: 'log:ready for connections',
    timeoutSec: 120,
  },
  {
    name: 'nginx',
    category: 'web-server',
    layer: 'nginx',
    // The sandbox maps only the caller's uid, so nginx cannot hand its folders to www-data.
    command: helloRun(
      "sed -i 's/^user .*;/user root;/' /etc/nginx/nginx.conf && exec nginx -g 'daemon off;'",
    ),
    ready: 'tcp:80',
  },
  {
    name: 'httpd',
    category: 'web-server',
    layer: 'httpd',
    command: helloRun(
      '. /etc/apache2/envvars && mkdir -p $APACHE_RUN_DIR $APACHE_LOCK_DIR $APACHE_LOG_DIR && exec apache2 -D FOREGROUND',
    ),
    ready: 'tcp:80',
  },
  {
    name: 'tomcat',
    category: 'web-server',
    layer: 'tomcat',
    command: helloRun(
      'export CATALINA_HOME=/usr/share/tomcat10 CATALINA_BASE=/var/lib/tomcat10 CATALINA_TMPDIR=/tmp && mkdir -p /var/lib/tomcat10/logs /var/lib/tomcat10/temp && exec /usr/share/tomcat10/bin/catalina.sh run',
    ),
    ready: 'log:Server startup in',
    timeoutSec: 120,
  },
  {
    name: 'jetty',
    category: 'web-server',
    layer: 'jetty',
    command: helloRun(
      'cd /usr/share/jetty9 && exec java -Djetty.home=/usr/share/jetty9 -Djetty.base=/usr/share/jetty9 -Djava.io.tmpdir=/tmp -jar start.jar',
    ),
    ready: 'log:Started',
    timeoutSec: 120,
  },
  {
    name: 'node',
    category: 'web-framework',
    layer: 'node-app',
    command: ['node', '/usr/src/app/index.js'],
    ready: 'tcp:80',
  },
  {
    name: 'django',
    category: 'web-framework',
    layer: 'django-app',
    command: helloRun(
      'cd /srv/hello && exec python3 manage.py runserver --noreload 0.0.0.0:8000',
    ),
    ready: 'tcp:8000',
  },
  {
    name: 'rails',
    category: 'web-framework',
    layer: 'rails',
    command: [
      'ruby',
      '-e',
      'require "rails"; require "action_controller/railtie"; puts Rails.version',
    ],
    ready: 'exit',
  },
  {
    name: 'rabbitmq',
    category: 'other',
    layer: 'rabbitmq',
    command: ['rabbitmq-server'],
    ready: 'log:Server startup complete',
    user: 'rabbitmq',
    env: { HOME: '/var/lib/rabbitmq' },
    timeoutSec: 120,
  },
  {
    name: 'registry',
    category: 'other',
    layer: 'registry',
    command: ['docker-registry', 'serve', '/etc/docker/registry/config.yml'],
    ready: 'tcp:5000',
  },
];

function nodeServer(): string {
  return [
    "const http = require('http');",
    "http.createServer((req, res) => res.end('hello\\n')).listen(80);",
    '',
  ].join('\n');
}

/** The chain of layer ids from the base up to `top`. */
export function layerChain(top: string): LayerSpec[] {
  const byId = new Map(LAYERS.map((l) => [l.id, l]));
  const chain: LayerSpec[] = [];
  for (let id: string | undefined = top; id !== undefined; id = byId.get(id)?.parent) {
    const layer = byId.get(id);
    if (layer === undefined) throw new Error(`unknown layer ${id}`);
    chain.unshift(layer);
  }
  return chain;
}
