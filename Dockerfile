# The gateway image: compiled TypeScript on Node 24 LTS.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci
COPY . .
RUN npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production
COPY --from=build /app/package.json ./
COPY --from=build /app/node_modules ./node_modules
COPY --from=build /app/dist ./dist
COPY --from=build /app/schema ./schema
COPY --from=build /app/static ./static
COPY --from=build /app/datasources/postgres/migrations ./datasources/postgres/migrations
COPY --from=build /app/data/sample ./data/sample
USER node
EXPOSE 4000
CMD ["node", "dist/src/main.js"]
