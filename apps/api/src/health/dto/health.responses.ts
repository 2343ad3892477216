import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

/** One dependency's answer: `up` with its latency, or `down` with why. */
export class ProbeResponse {
  @ApiProperty({ example: 'up', enum: ['up', 'down'] })
  status!: string;

  @ApiPropertyOptional({ description: 'When up: milliseconds it took to answer', example: 2 })
  latencyMs?: number;

  @ApiPropertyOptional({ description: 'When down: why', example: 'timed out after 2000 ms' })
  error?: string;
}

/** Postgres and Redis reachability. */
export class HealthResponse {
  @ApiProperty({ example: 'ok', enum: ['ok', 'degraded'] })
  status!: string;

  @ApiProperty({ type: () => ProbeResponse })
  postgres!: ProbeResponse;

  @ApiProperty({ type: () => ProbeResponse })
  redis!: ProbeResponse;
}
