import { Injectable } from '@nestjs/common';
import { PrismaService } from './prisma.service';

/** Whether the database answers, for health checks. */
@Injectable()
export class DatabaseHealth {
  constructor(private readonly prisma: PrismaService) {}

  async ping(): Promise<void> {
    await this.prisma.$queryRawUnsafe('SELECT 1');
  }
}
