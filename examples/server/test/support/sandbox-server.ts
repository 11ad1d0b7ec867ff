import { existsSync } from 'node:fs';
import { startSandbox, type Sandbox } from '@lbx/example-shared/sandbox';
import { chromium, type Browser } from 'playwright-core';
import { loadServerConfig } from '../../src/config';
import { startServer, type RunningServer } from '../../src/server';

/** Debian's Chromium (`apt-get install chromium`), or `CHROMIUM_PATH`. */
export const CHROMIUM_PATH = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/** `true` when a Chromium binary is installed where {@link CHROMIUM_PATH} says. */
export const hasChromium = existsSync(CHROMIUM_PATH);

/** Headless Chromium through `playwright-core` (`--no-sandbox`: CI containers run as root). */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: CHROMIUM_PATH, args: ['--no-sandbox', '--disable-dev-shm-usage'] });
}

/** The sandbox (fake Letterboxd + fake TMDb over HTTP) and the real server on a free port, in this process. */
export interface SandboxServer {
  sandbox: Sandbox;
  server: RunningServer;
  /** `http://127.0.0.1:<port>` */
  url: string;
  close(): Promise<void>;
}

/** Start the server exactly as `LBX_SANDBOX=1` does (the demo members listed on the dashboard), plus `env`. */
export async function startSandboxServer(env: Record<string, string> = {}): Promise<SandboxServer> {
  const sandbox = await startSandbox();
  try {
    const config = loadServerConfig({ LOG_LEVEL: 'silent', ...env, ...sandbox.env, PORT: '0', HOST: '127.0.0.1' });
    const server = await startServer(config, { members: sandbox.members });
    return {
      sandbox,
      server,
      url: server.url,
      close: async () => {
        await server.close({ forceAfterMs: 1000 });
        await sandbox.close();
      },
    };
  } catch (error) {
    await sandbox.close();
    throw error;
  }
}
