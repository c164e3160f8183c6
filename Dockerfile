# mde-chatops as a container image, for Azure Container Apps (docs/deployment.md, section 4).
# Stage 1 compiles the TypeScript (the compiler is a devDependency); stage 2 holds the production
# dependencies and the compiled bot only. Node 24 LTS: the recommended line, tested in CI (README, Node versions).

FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY tsconfig.json ./
# src/ only: the rigs, the benchmark and the app-package builder (scripts/) and the tests are neither
# built nor shipped. Nothing under src/ imports them (test/architecture.test.ts).
COPY src ./src
RUN npm run build

FROM node:24-bookworm-slim
WORKDIR /app
COPY package.json package-lock.json ./
# botbuilder-dialogs' postinstall runs `npx rimraf`: rimraf is a production dependency, so npx finds
# it locally instead of downloading it.
RUN npm ci --omit=dev --no-audit --no-fund && npm cache clean --force
COPY --from=build /app/dist/src ./dist/src
USER node
# The bot's port when PORT is unset; the Container Apps ingress target port.
EXPOSE 3978
# Exec form: node is PID 1 and gets SIGTERM itself, so it can finish the turns in flight.
CMD ["node", "dist/src/main.js"]
