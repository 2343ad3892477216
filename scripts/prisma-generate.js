#!/usr/bin/env node
// Generates the Prisma client. Every Prisma CLI command first tries to download a schema engine,
// which `generate` does not need (queries run through the pg adapter): pointing
// PRISMA_SCHEMA_ENGINE_BINARY at any executable lets it run offline (see TOOLCHAIN.md).
const { spawnSync } = require('node:child_process');
const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const result = spawnSync(process.execPath, [require.resolve('prisma/build/index.js'), 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
