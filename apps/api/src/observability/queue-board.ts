import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import type { Queue } from 'bullmq';
import type { Express } from 'express';
import { NOTIFICATION_QUEUE, PLAN_QUEUE, SNAPSHOT_QUEUE } from '@app/jobs';
import { QueueBoardAuth } from './queue-board.middleware';

export const QUEUE_BOARD_PATH = '/admin/queues';

/**
 * Bull Board at /admin/queues: every queue (snapshots, plans, notifications), their jobs, retries and failures, for admin keys only.
 * Mounted on the Express instance once Nest's routes exist and before its 404 handler.
 */
@Injectable()
export class QueueBoard implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly auth: QueueBoardAuth,
    @InjectQueue(SNAPSHOT_QUEUE) private readonly snapshots: Queue,
    @InjectQueue(PLAN_QUEUE) private readonly plans: Queue,
    @InjectQueue(NOTIFICATION_QUEUE) private readonly notifications: Queue,
  ) {}

  onModuleInit(): void {
    const express = this.adapterHost.httpAdapter?.getInstance<Express>();
    if (!express) return; // an application context without HTTP (scripts)
    const board = new ExpressAdapter();
    board.setBasePath(QUEUE_BOARD_PATH);
    createBullBoard({
      queues: [this.snapshots, this.plans, this.notifications].map((queue) => new BullMQAdapter(queue)),
      serverAdapter: board,
    });
    express.use(QUEUE_BOARD_PATH, (request, response, next) => void this.auth.use(request, response, next).catch(next), board.getRouter());
  }
}
