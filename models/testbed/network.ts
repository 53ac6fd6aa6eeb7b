/**
 * The network: hosts with full-duplex interfaces, racks of workers behind
 * top-of-rack uplinks, and infrastructure hosts (registry, storage server)
 * on the core switch. A transfer is a fluid activity over every link
 * direction on its path, capped at the TCP window over the round trip, and
 * starts after one one-way latency (the first byte's trip).
 */
import type { Activity, FluidModel, FluidResource } from '../../sim/engine/fluid.ts';
import type { NetworkConfig } from '../scenario/config.ts';

export interface Host {
  name: string;
  up: FluidResource;
  down: FluidResource;
  /** Rack index, or -1 for hosts on the core switch. */
  rack: number;
}

interface Rack {
  up: FluidResource;
  down: FluidResource;
}

export class Network {
  private readonly racks: Rack[] = [];

  constructor(
    readonly fluid: FluidModel,
    readonly config: NetworkConfig,
    rackCount: number,
  ) {
    for (let i = 0; i < rackCount; i++) {
      this.racks.push({
        up: fluid.resource(`rack${i}.uplink.up`, config.rackUplinkBytesPerSec),
        down: fluid.resource(`rack${i}.uplink.down`, config.rackUplinkBytesPerSec),
      });
    }
  }

  /** Adds a host with a NIC of `nicBytesPerSec` in each direction. */
  host(name: string, nicBytesPerSec: number, rack = -1): Host {
    return {
      name,
      up: this.fluid.resource(`${name}.nic.up`, nicBytesPerSec),
      down: this.fluid.resource(`${name}.nic.down`, nicBytesPerSec),
      rack,
    };
  }

  /** Every rack uplink direction. */
  rackLinks(): FluidResource[] {
    return this.racks.flatMap((r) => [r.up, r.down]);
  }

  /** Highest load / capacity over the rack uplinks now (0 without racks). */
  maxRackUtilisation(): number {
    let max = 0;
    for (const rack of this.racks) {
      for (const link of [rack.up, rack.down]) max = Math.max(max, link.load / link.currentCapacity());
    }
    return max;
  }

  /** Round-trip time between two hosts, seconds. */
  rttSec(): number {
    return 2 * this.config.latencySec;
  }

  /** Links crossed from `src` to `dst`, in order. */
  path(src: Host, dst: Host): FluidResource[] {
    const links = [src.up];
    if (src.rack !== dst.rack) {
      if (src.rack >= 0 && this.racks.length > 1) links.push(this.racks[src.rack]!.up);
      if (dst.rack >= 0 && this.racks.length > 1) links.push(this.racks[dst.rack]!.down);
    }
    links.push(dst.down);
    return links;
  }

  /**
   * Moves `bytes` from `src` to `dst`, also crossing `extra` resources (the
   * storage the bytes are read from). Succeeds when the last byte arrives.
   */
  transfer(src: Host, dst: Host, bytes: number, extra: FluidResource[] = [], label = 'transfer'): Activity {
    const rtt = this.rttSec();
    return this.fluid.start(bytes, [...extra, ...this.path(src, dst)], {
      latencySec: this.config.latencySec,
      rateCap: rtt > 0 ? this.config.tcpWindowBytes / rtt : Infinity,
      label: `${label} ${src.name}->${dst.name}`,
    });
  }
}
