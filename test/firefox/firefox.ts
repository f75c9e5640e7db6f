/**
 * Launches Firefox ESR with a throwaway profile, connects to its Marionette
 * server and installs the built extension as a temporary add-on.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Marionette } from './marionette';

/** The Firefox executable: Debian's ESR unless FIREFOX_PATH says otherwise. */
export const FIREFOX = process.env.FIREFOX_PATH ?? '/usr/bin/firefox-esr';
/** The built extension; QA_LENS_FIREFOX_EXTENSION points the tests at another build. */
export const FIREFOX_EXTENSION_DIR = resolve(process.env.QA_LENS_FIREFOX_EXTENSION ?? '.output/firefox-mv2');
/** The add-on id the manifest declares (wxt.config.ts, browser_specific_settings.gecko.id). */
export const ADDON_ID = 'qa-lens@example.org';

/**
 * Preferences that keep Firefox quiet and fast on a closed network: nothing
 * phones home (each of these would otherwise retry against an unreachable
 * host), no first-run or what's-new pages take the first tab, and nothing
 * updates itself mid-test. Largely Marionette's own "recommended
 * preferences" (remote/shared/RecommendedPreferences.sys.mjs), set here
 * explicitly so the profile does not depend on that list.
 */
const QUIET_PREFS: Record<string, string | number | boolean> = {
  // Updates of the browser, add-ons, search engines and system add-ons.
  'app.update.disabledForTesting': true,
  'app.update.auto': false,
  'extensions.update.enabled': false,
  'extensions.update.notifyUser': false,
  'extensions.systemAddon.update.enabled': false,
  'extensions.getAddons.cache.enabled': false,
  'extensions.getAddons.discovery.api_url': 'data:, ',
  'extensions.blocklist.enabled': false,
  'browser.search.update': false,
  'media.gmp-manager.updateEnabled': false,
  'media.gmp-manager.url': '',
  // Remote settings (blocklists, intermediates, many features) and studies.
  'services.settings.server': 'data:,#remote-settings-dummy/v1',
  'security.remote_settings.intermediates.enabled': false,
  'app.normandy.enabled': false,
  'app.normandy.api_url': '',
  'app.shield.optoutstudies.enabled': false,
  // Telemetry and data reporting.
  'toolkit.telemetry.enabled': false,
  'toolkit.telemetry.unified': false,
  'toolkit.telemetry.archive.enabled': false,
  'toolkit.telemetry.reportingpolicy.firstRun': false,
  'datareporting.policy.dataSubmissionEnabled': false,
  'datareporting.healthreport.uploadEnabled': false,
  'datareporting.usage.uploadEnabled': false,
  'browser.ping-centre.telemetry': false,
  'browser.newtabpage.activity-stream.feeds.telemetry': false,
  'browser.newtabpage.activity-stream.telemetry': false,
  // Background connections that would fail here: captive portal, connectivity, push, geolocation,
  // region, Safe Browsing lists, sponsored tiles, speculative connections.
  'network.captive-portal-service.enabled': false,
  'network.connectivity-service.enabled': false,
  'network.manage-offline-status': false,
  'network.http.speculative-parallel-limit': 0,
  'network.dns.disablePrefetch': true,
  'network.prefetch-next': false,
  'dom.push.connection.enabled': false,
  'geo.provider.network.url': '',
  'browser.region.network.url': '',
  'browser.safebrowsing.malware.enabled': false,
  'browser.safebrowsing.phishing.enabled': false,
  'browser.safebrowsing.downloads.enabled': false,
  'browser.safebrowsing.blockedURIs.enabled': false,
  'browser.safebrowsing.provider.mozilla.updateURL': '',
  'browser.safebrowsing.provider.google4.updateURL': '',
  'browser.topsites.contile.enabled': false,
  'browser.newtabpage.activity-stream.showSponsoredTopSites': false,
  'browser.newtabpage.activity-stream.feeds.system.topstories': false,
  'browser.urlbar.suggest.searches': false,
  'identity.fxaccounts.enabled': false,
  'browser.translations.enable': false,
  'browser.ml.enable': false,
  // First-run and what's-new pages, default-browser and close-tab prompts, session restore.
  'browser.startup.homepage_override.mstone': 'ignore',
  'browser.startup.page': 0,
  'browser.startup.homepage': 'about:blank',
  'startup.homepage_welcome_url': 'about:blank',
  'startup.homepage_welcome_url.additional': '',
  'browser.aboutwelcome.enabled': false,
  'trailhead.firstrun.didSeeAboutWelcome': true,
  'browser.shell.checkDefaultBrowser': false,
  'browser.tabs.warnOnClose': false,
  'browser.warnOnQuit': false,
  'browser.sessionstore.resume_from_crash': false,
  'toolkit.startup.max_resumed_crashes': -1,
  'browser.newtabpage.enabled': false,
  'browser.uitour.enabled': false,
  'browser.contentblocking.introCount': 99,
  'browser.download.panel.shown': true,
  // No password manager: it inspects every form, the options page's token field included, and logs about it.
  'signon.rememberSignons': false,
  'signon.autofillForms': false,
  // The demo pages are plain http on 127.0.0.1: never upgrade them.
  'dom.security.https_first': false,
  'dom.security.https_only_mode': false,
  // The extension opens its item panel in a popup window; a hidden headless window is still "focused".
  'dom.disable_open_during_load': false,
  'focusmanager.testmode': true,
  // A loaded 2-core machine makes scripts slow; never stop them with a "slow script" prompt.
  'dom.max_script_run_time': 0,
  'dom.max_chrome_script_run_time': 0,
  'dom.ipc.reportProcessHangs': false,
  // Only the profile's own add-ons, no sideloaded ones from the system.
  'extensions.autoDisableScopes': 0,
  'extensions.enabledScopes': 5,
  'extensions.installDistroAddons': false,
  // Page and extension console messages go to Firefox's stdout, which failure messages quote.
  'devtools.console.stdout.content': true,
  'devtools.console.stdout.chrome': true,
  'browser.dom.window.dump.enabled': true,
  // Apply the rest of Marionette's recommended preferences too.
  'remote.prefs.recommended': true,
};

/** A running Firefox with the extension installed. */
export interface FirefoxSession {
  marionette: Marionette;
  /** `moz-extension://<uuid>`: fixed per launch by the profile, so extension pages have a known URL. */
  extensionOrigin: string;
  addonId: string;
  profileDir: string;
  /** The last lines Firefox wrote to stdout/stderr, for failure messages. */
  output(): string;
  /** The lines of {@link output} about the extension: its errors and console messages. */
  extensionLog(): string;
  /** Quits Firefox, kills its process group, removes the profile. Safe to call twice. */
  close(): Promise<void>;
}

/** Options for {@link launchFirefox}. */
export interface LaunchOptions {
  extensionDir?: string;
  executable?: string;
  /** Deadline for Firefox to start and Marionette to accept a session. */
  startupTimeoutMs?: number;
  log?: (line: string) => void;
}

/** Writes `user.js`: quiet prefs, Marionette on a port Firefox picks, and the add-on's fixed UUID. */
function writeProfile(profileDir: string, uuid: string): void {
  const prefs: Record<string, string | number | boolean> = {
    ...QUIET_PREFS,
    // 0 lets Firefox bind a free port itself and write it to MarionetteActivePort: no race with
    // another process taking a port we picked and released.
    'marionette.port': 0,
    'extensions.webextensions.uuids': JSON.stringify({ [ADDON_ID]: uuid }),
  };
  const lines = Object.entries(prefs).map(
    ([name, value]) => `user_pref(${JSON.stringify(name)}, ${JSON.stringify(value)});`,
  );
  writeFileSync(join(profileDir, 'user.js'), `${lines.join('\n')}\n`);
}

/** Keeps the last `limit` characters of a child's output. */
function tail(child: ChildProcess, limit = 8_000): () => string {
  let text = '';
  const append = (chunk: Buffer) => {
    text = (text + chunk.toString('utf8')).slice(-limit);
  };
  child.stdout?.on('data', append);
  child.stderr?.on('data', append);
  return () => text;
}

/** Polls until `read` returns a value, the child exits, or the deadline passes. */
async function waitFor<T>(
  what: string,
  read: () => T | undefined | Promise<T | undefined>,
  child: ChildProcess,
  deadline: number,
): Promise<T> {
  for (;;) {
    if (child.exitCode !== null || child.signalCode !== null) {
      throw new Error(`Firefox exited (${child.exitCode ?? child.signalCode}) before ${what}`);
    }
    const value = await read();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}`);
    await new Promise((done) => setTimeout(done, 200));
  }
}

/** Kills the whole process group (Firefox starts content processes in it); waits for the main one. */
async function killGroup(child: ChildProcess): Promise<void> {
  const exited = () => child.exitCode !== null || child.signalCode !== null;
  const signal = (name: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // Already gone.
    }
  };
  if (!exited()) {
    const gone = new Promise((done) => child.once('exit', done));
    signal('SIGTERM');
    const timer = new Promise((done) => setTimeout(done, 5_000));
    await Promise.race([gone, timer]);
  }
  // Content processes can outlive the parent for a moment: make sure none is left.
  signal('SIGKILL');
}

/**
 * Starts `firefox --headless --marionette` on a fresh profile, opens a
 * WebDriver session and installs the extension temporarily. On any failure
 * it tears down what it started before rethrowing.
 */
export async function launchFirefox(options: LaunchOptions = {}): Promise<FirefoxSession> {
  const extensionDir = options.extensionDir ?? FIREFOX_EXTENSION_DIR;
  const executable = options.executable ?? FIREFOX;
  const log = options.log ?? (() => undefined);
  if (!existsSync(join(extensionDir, 'manifest.json'))) {
    throw new Error(`No built extension in ${extensionDir}: run "npm run build:firefox" first (npm test does).`);
  }
  if (!existsSync(executable)) throw new Error(`No Firefox at ${executable}: install firefox-esr or set FIREFOX_PATH`);

  const profileDir = mkdtempSync(join(tmpdir(), 'qa-lens-firefox-'));
  const uuid = randomUUID();
  writeProfile(profileDir, uuid);
  const child = spawn(
    executable,
    // Without --remote-allow-system-access Marionette refuses to navigate to moz-extension:// pages
    // ("unsupported operation: Navigation to … is not allowed in this context"; see
    // isWebdriverSafeNavigationURL in Firefox's remote/shared/BrowsingContextUtils.sys.mjs).
    ['--headless', '--marionette', '--remote-allow-system-access', '--no-remote', '--profile', profileDir],
    {
      // Its own process group, so teardown reaches the content processes too.
      detached: true,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, MOZ_CRASHREPORTER_DISABLE: '1', MOZ_DISABLE_AUTO_SAFE_MODE: '1' },
    },
  );
  const output = tail(child);
  // If the test process ends without calling close (a killed run), take Firefox and its profile with it.
  const onExit = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      // Already gone.
    }
    rmSync(profileDir, { recursive: true, force: true });
  };
  process.once('exit', onExit);
  let marionette: Marionette | null = null;
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    process.off('exit', onExit);
    if (marionette) {
      await marionette.quit().catch(() => undefined);
      marionette.close();
    }
    await killGroup(child);
    rmSync(profileDir, { recursive: true, force: true });
  };

  try {
    const deadline = Date.now() + (options.startupTimeoutMs ?? 60_000);
    const portFile = join(profileDir, 'MarionetteActivePort');
    const port = await waitFor(
      'Marionette to listen (MarionetteActivePort in the profile)',
      () => {
        const text = existsSync(portFile) ? readFileSync(portFile, 'utf8').trim() : '';
        return /^\d+$/.test(text) ? Number(text) : undefined;
      },
      child,
      deadline,
    );
    log(`Firefox ${child.pid} listens for Marionette on port ${port}`);
    marionette = await Marionette.connect(port);
    await marionette.newSession({ acceptInsecureCerts: true, 'moz:webdriverClick': true });
    const addonId = await marionette.installAddon(extensionDir, { temporary: true });
    if (addonId !== ADDON_ID) throw new Error(`Installed add-on is ${addonId}, expected ${ADDON_ID}`);
    log(`Installed ${addonId} from ${extensionDir} at moz-extension://${uuid}/`);
    const extensionOrigin = `moz-extension://${uuid}`;
    return {
      marionette,
      extensionOrigin,
      addonId,
      profileDir,
      output,
      extensionLog: () =>
        output()
          .split('\n')
          .filter(
            (line) => (line.includes(extensionOrigin) || line.includes('[QA Lens]')) && !/LoginRecipes/.test(line),
          )
          .slice(-20)
          .join('\n'),
      close,
    };
  } catch (error) {
    const text = output().trim();
    await close();
    const detail = error instanceof Error ? error.message : String(error);
    throw new Error(
      `Could not start Firefox with QA Lens: ${detail}${text ? `\n--- Firefox output ---\n${text}` : ''}`,
      {
        cause: error,
      },
    );
  }
}
