/** Builds the storage driver a scenario's `drivers` entry describes. */
import type { DriverConfig } from '../scenario/config.ts';
import { AufsDriver } from './aufs.ts';
import type { StorageDriver } from './driver.ts';
import { SlackerDriver } from './slacker.ts';

export function createDriver(config: DriverConfig): StorageDriver {
  switch (config.kind) {
    case 'aufs':
      return new AufsDriver(config);
    case 'slacker':
      return new SlackerDriver(config);
  }
}
