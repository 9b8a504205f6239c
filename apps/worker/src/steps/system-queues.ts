import { InjectQueue } from '@nestjs/bullmq';
import { Injectable } from '@nestjs/common';
import { Queue } from 'bullmq';
import { RemoteSystemName, SYSTEM_QUEUES } from '@app/queues';

/** The per-system step queues, for adding a command's next step. */
@Injectable()
export class SystemQueues {
  constructor(
    @InjectQueue(SYSTEM_QUEUES.joom) private readonly joom: Queue,
    @InjectQueue(SYSTEM_QUEUES.akinon) private readonly akinon: Queue,
    @InjectQueue(SYSTEM_QUEUES.flexport) private readonly flexport: Queue,
  ) {}

  of(system: RemoteSystemName): Queue {
    return this[system];
  }
}
