#!/usr/bin/env node
// Copies the non-TypeScript files the built apps read at run time into dist/ (tsc copies only what it
// compiles): the simulator's generated Segment contract.
const { cpSync } = require('node:fs');
const { join } = require('node:path');

const root = join(__dirname, '..');
const assets = ['apps/segment-sim/src/contract/segment-contract.json'];
for (const asset of assets) cpSync(join(root, asset), join(root, 'dist', asset));
