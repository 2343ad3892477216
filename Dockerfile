# One image for the API, the worker and the simulator; docker-compose picks the command.
FROM node:20-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
COPY scripts ./scripts
COPY prisma ./prisma
COPY prisma.config.ts ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/prisma ./prisma
COPY --from=build /app/package.json ./
# the simulator keeps its state here (SIM_STATE_FILE in docker-compose.yml), on a volume the node user owns
RUN mkdir -p /app/data && chown node:node /app/data
USER node
CMD ["node", "dist/apps/api/src/main.js"]
