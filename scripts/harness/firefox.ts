import { type ChildProcess, spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import WebSocket from 'ws';

export const FIREFOX_PATH = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';

export function firefoxAvailable(): boolean {
  return existsSync(FIREFOX_PATH);
}

/** A WebDriver BiDi session: commands answer with their result, events go to listeners. */
export interface Bidi {
  send<T = unknown>(method: string, params?: Record<string, unknown>): Promise<T>;
  /** Returns a function that removes the listener. */
  on(event: string, listener: (params: unknown) => void): () => void;
}

export interface ExtensionFirefox {
  bidi: Bidi;
  /** Origin of the extension's pages, `moz-extension://<uuid>`, fixed by the profile. */
  extensionOrigin: string;
  close(): Promise<void>;
}

/**
 * Everything that would make Firefox reach beyond the loopback interface is off: the tests
 * run on machines without internet, and a stray request must neither hang a test nor leak
 * what it reads. The values mirror about:config names; unknown names are ignored by Firefox.
 */
const OFFLINE_PREFS: Record<string, string | number | boolean> = {
  // Updates of the browser, add-ons, system add-ons, search engines and media plugins.
  'app.update.auto': false,
  'app.update.enabled': false,
  'app.update.disabledForTesting': true,
  'app.update.checkInstallTime': false,
  'extensions.update.enabled': false,
  'extensions.update.autoUpdateDefault': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.systemAddon.update.url': '',
  'extensions.getAddons.cache.enabled': false,
  'extensions.getAddons.discovery.api_url': '',
  'extensions.htmlaboutaddons.recommendations.enabled': false,
  'extensions.blocklist.enabled': false,
  'browser.search.update': false,
  'browser.search.geoSpecificDefaults': false,
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-manager.url': '',
  'media.gmp-gmpopenh264.enabled': false,
  'media.gmp-widevinecdm.enabled': false,
  // Telemetry, health reports, studies, experiments and remote settings.
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.server': '',
  'toolkit.telemetry.coverage.opt-out': true,
  'toolkit.coverage.opt-out': true,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.policy.firstRunURL': '',
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  'messaging-system.rsexperimentloader.enabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.crashReports.unsubmittedCheck.enabled': false,
  // Honoured only with MOZ_REMOTE_SETTINGS_DEVTOOLS=1 in the environment (see the launch).
  'services.settings.server': 'http://127.0.0.1:9/remote-settings/v1',
  // Safe browsing lists, captive-portal and connectivity probes, push, geolocation, region.
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.downloads.remote.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.google.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'dom.push.enabled': false,
  'dom.push.connection.enabled': false,
  'dom.push.serverURL': '',
  'geo.provider.network.url': '',
  'geo.enabled': false,
  'browser.region.network.url': '',
  'browser.region.update.enabled': false,
  'network.trr.mode': 5,
  // Speculative connections and prefetching would resolve names the page merely links to.
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'network.predictor.enabled': false,
  'network.http.speculative-parallel-limit': 0,
  'browser.urlbar.speculativeConnect.enabled': false,
  // The start page, new tab page, welcome flows and accounts all fetch content.
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'browser.startup.homepage_override.mstone': 'ignore',
  'startup.homepage_welcome_url': 'about:blank',
  'startup.homepage_welcome_url.additional': '',
  'browser.newtabpage.enabled': false,
  'browser.newtabpage.activity-stream.feeds.section.topstories': false,
  'browser.newtabpage.activity-stream.feeds.topsites': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  'browser.newtabpage.activity-stream.showSponsored': false,
  'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
  'browser.topsites.contile.enabled': false,
  'browser.aboutwelcome.enabled': false,
  'browser.shell.checkDefaultBrowser': false,
  'browser.uitour.enabled': false,
  'browser.discovery.enabled': false,
  'identity.fxaccounts.enabled': false,
  'browser.tabs.warnOnClose': false,
  // Last lines of defence. Every name resolves to localhost without asking a DNS server
  // (the tests use 127.0.0.1 literally), and whatever HTTP is left goes to a dead local
  // port; loopback addresses bypass a proxy in Firefox, so the pages under test do not.
  'network.dns.native-is-localhost': true,
  'network.proxy.type': 1,
  'network.proxy.http': '127.0.0.1',
  'network.proxy.http_port': 9,
  'network.proxy.ssl': '127.0.0.1',
  'network.proxy.ssl_port': 9,
  'network.proxy.allow_hijacking_localhost': false,
};

function userJs(prefs: Record<string, string | number | boolean>): string {
  return Object.entries(prefs)
    .map(([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`)
    .join('\n');
}

async function geckoId(extensionDir: string): Promise<string> {
  const manifest = JSON.parse(await readFile(join(extensionDir, 'manifest.json'), 'utf8')) as {
    browser_specific_settings?: { gecko?: { id?: string } };
  };
  const id = manifest.browser_specific_settings?.gecko?.id;
  if (!id) throw new Error(`${extensionDir}/manifest.json has no browser_specific_settings.gecko.id`);
  return id;
}

/** Keeps the last few kilobytes of a stream, for error messages, and never lets its pipe fill. */
function tail(stream: NodeJS.ReadableStream | null): () => string {
  let text = '';
  stream?.on('data', (chunk: Buffer) => {
    text = (text + chunk.toString()).slice(-8000);
  });
  return () => text;
}

function waitForAddress(child: ChildProcess, stderr: () => string, timeoutMs: number): Promise<string> {
  return new Promise((ok, fail) => {
    const done = (error?: Error, address?: string) => {
      clearTimeout(timer);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      if (error) fail(error);
      else ok(address as string);
    };
    const onData = () => {
      const match = stderr().match(/WebDriver BiDi listening on (ws:\/\/[^\s]+)/);
      if (match?.[1]) done(undefined, match[1]);
    };
    const onExit = (code: number | null) =>
      done(new Error(`Firefox exited (${code}) before WebDriver BiDi was ready:\n${stderr()}`));
    const timer = setTimeout(
      () => done(new Error(`WebDriver BiDi did not start within ${timeoutMs} ms:\n${stderr()}`)),
      timeoutMs,
    );
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

interface Pending {
  ok: (value: unknown) => void;
  fail: (error: Error) => void;
  method: string;
}

async function connect(url: string): Promise<{ bidi: Bidi; socket: WebSocket }> {
  const socket = new WebSocket(url, { perMessageDeflate: false });
  await new Promise<void>((ok, fail) => {
    socket.once('open', () => ok());
    socket.once('error', fail);
  });
  let nextId = 1;
  const pending = new Map<number, Pending>();
  const listeners = new Map<string, Set<(params: unknown) => void>>();

  socket.on('message', (data) => {
    const message = JSON.parse(data.toString()) as {
      type: 'success' | 'error' | 'event';
      id?: number;
      result?: unknown;
      error?: string;
      message?: string;
      method?: string;
      params?: unknown;
    };
    if (message.type === 'event') {
      for (const listener of listeners.get(message.method ?? '') ?? []) listener(message.params);
      return;
    }
    const call = message.id === undefined ? undefined : pending.get(message.id);
    if (!call || message.id === undefined) return;
    pending.delete(message.id);
    if (message.type === 'success') call.ok(message.result);
    else call.fail(new Error(`${call.method}: ${message.error}: ${message.message}`));
  });
  // Errors after the handshake surface as a close, which fails what is pending.
  socket.on('error', () => {});
  socket.on('close', () => {
    for (const call of pending.values()) call.fail(new Error(`${call.method}: the BiDi connection closed`));
    pending.clear();
  });

  const bidi: Bidi = {
    send<T>(method: string, params: Record<string, unknown> = {}) {
      if (socket.readyState !== WebSocket.OPEN) {
        return Promise.reject(new Error(`${method}: the BiDi connection is closed`));
      }
      const id = nextId++;
      return new Promise<T>((ok, fail) => {
        pending.set(id, { ok: ok as (value: unknown) => void, fail, method });
        socket.send(JSON.stringify({ id, method, params }));
      });
    },
    on(event, listener) {
      let set = listeners.get(event);
      if (!set) {
        set = new Set();
        listeners.set(event, set);
      }
      set.add(listener);
      return () => set.delete(listener);
    },
  };
  return { bidi, socket };
}

function exited(child: ChildProcess, timeoutMs: number): Promise<boolean> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(true);
  return new Promise((ok) => {
    const timer = setTimeout(() => ok(false), timeoutMs);
    child.once('exit', () => {
      clearTimeout(timer);
      ok(true);
    });
  });
}

/**
 * Firefox ESR, headless, in a fresh offline profile, with the built extension installed as
 * a temporary add-on (no signing), driven over WebDriver BiDi.
 */
export async function launchFirefox(extensionDir: string): Promise<ExtensionFirefox> {
  const dir = resolve(extensionDir);
  const id = await geckoId(dir);
  const uuid = randomUUID();
  const profile = await mkdtemp(join(tmpdir(), 'takedown-lens-firefox-'));
  // A preset UUID makes the extension's pages addressable before it is installed.
  await writeFile(
    join(profile, 'user.js'),
    `${userJs({ ...OFFLINE_PREFS, 'extensions.webextensions.uuids': JSON.stringify({ [id]: uuid }) })}\n`,
  );

  const child = spawn(
    FIREFOX_PATH,
    [
      '--headless',
      '--no-remote',
      '--remote-debugging-port=0',
      // Lets BiDi reach moz-extension:// pages, where the popup and the extension's APIs live.
      '--remote-allow-system-access',
      '--profile',
      profile,
    ],
    {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        MOZ_CRASHREPORTER_DISABLE: '1',
        MOZ_DISABLE_AUTO_SAFE_MODE: '1',
        // Release builds ignore services.settings.server unless this is set, and would
        // otherwise poll Mozilla's remote settings server.
        MOZ_REMOTE_SETTINGS_DEVTOOLS: '1',
      },
    },
  );
  tail(child.stdout);
  const stderr = tail(child.stderr);
  // A test runner that dies must not leave a browser behind.
  const killOnExit = () => child.kill('SIGKILL');
  process.once('exit', killOnExit);

  const shutdown = async () => {
    if (!(await exited(child, 10_000))) {
      child.kill('SIGKILL');
      await exited(child, 5_000);
    }
    process.off('exit', killOnExit);
    await rm(profile, { recursive: true, force: true, maxRetries: 3 });
  };

  let socket: WebSocket | undefined;
  try {
    const address = await waitForAddress(child, stderr, 30_000);
    const connection = await connect(`${address}/session`);
    socket = connection.socket;
    const { bidi } = connection;
    await bidi.send('session.new', { capabilities: {} });
    // Firefox reads a temporary add-on's files from disk as it needs them; a copy keeps a
    // rebuild during the run from mixing two builds in one browser.
    const copy = join(profile, 'extension-under-test');
    await cp(dir, copy, { recursive: true });
    await bidi.send('webExtension.install', { extensionData: { type: 'path', path: copy } });
    return {
      bidi,
      extensionOrigin: `moz-extension://${uuid}`,
      async close() {
        await Promise.race([bidi.send('browser.close').catch(() => {}), new Promise((ok) => setTimeout(ok, 5_000))]);
        socket?.terminate();
        await shutdown();
      },
    };
  } catch (error) {
    socket?.terminate();
    child.kill('SIGKILL');
    await shutdown();
    throw error;
  }
}
