import { expect, type BrowserContext, type Page } from '@playwright/test';

/** Page object for the extension's options page. */
export class OptionsPage {
  constructor(
    readonly page: Page,
    private readonly extensionId: string,
  ) {}

  async open(): Promise<this> {
    await this.page.goto(`chrome-extension://${this.extensionId}/options.html`);
    return this;
  }

  /** Points the extension at an API and waits until it answers. */
  async connect(apiUrl: string): Promise<void> {
    await this.page.getByLabel('API URL').fill(apiUrl);
    await this.page.getByRole('button', { name: 'Connect' }).click();
    await expect(this.page.getByTestId('connection-status')).toContainText('Connected to QA Lens API');
  }

  /** Signs in as a demo user offered by a demo-mode API. */
  async signInAsDemoUser(name: string): Promise<void> {
    await this.page.getByRole('button', { name: new RegExp(`^Sign in as ${name}`) }).click();
    await expect(this.page.getByTestId('signed-in-as')).toContainText(name);
  }

  /** Pulls published adapters now and waits for the extension to confirm. */
  async syncAdapters(): Promise<void> {
    await this.page.getByRole('button', { name: 'Sync adapters now' }).click();
    await expect(this.page.getByTestId('adapter-sync-status')).toContainText('received');
  }

  /** Runs an adapter in the workbench on the open tab whose URL contains `urlPart`. */
  async runWorkbench(adapterId: string, urlPart: string): Promise<void> {
    await this.page.getByLabel('Adapter', { exact: true }).selectOption(adapterId);
    const tabs = this.page.getByLabel('Tab', { exact: true });
    await tabs.selectOption((await tabs.locator('option', { hasText: urlPart }).getAttribute('value'))!);
    await this.page.getByRole('button', { name: 'Run on tab' }).click();
  }

  async signOut(): Promise<void> {
    const button = this.page.getByRole('button', { name: 'Sign out' });
    if (await button.isVisible()) await button.click();
    await expect(this.page.getByText('Not signed in.')).toBeVisible();
  }
}

/** Connects the extension to the test API and signs in; returns the options page (closed). */
export async function signIn(context: BrowserContext, extensionId: string, apiUrl: string, name: string) {
  const page = await context.newPage();
  const options = await new OptionsPage(page, extensionId).open();
  await options.connect(apiUrl);
  await options.signInAsDemoUser(name);
  await page.close();
}

/** Opens the options page, syncs published adapters, and closes it. */
export async function syncAdapters(context: BrowserContext, extensionId: string): Promise<void> {
  const page = await context.newPage();
  await (await new OptionsPage(page, extensionId).open()).syncAdapters();
  await page.close();
}
