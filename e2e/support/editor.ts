import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for the graph editor: every method is a real gesture (drag, click, type, key). */
export class Editor {
  constructor(readonly page: Page) {}

  async open() {
    await this.page.goto('/#/model');
    await expect(this.canvas).toBeVisible();
  }

  get canvas(): Locator {
    return this.page.getByTestId('graph-canvas');
  }

  node(name: string): Locator {
    return this.page.getByTestId(`node-${name}`);
  }

  /** Drags a palette item onto the canvas, `x`/`y` relative to the canvas' top-left corner. */
  async dragLayer(type: string, x: number, y: number) {
    const item = this.page.getByRole('navigation', { name: 'Layer palette' }).getByRole('button', { name: type, exact: true });
    await item.scrollIntoViewIfNeeded();
    const from = await item.boundingBox();
    const box = await this.canvas.boundingBox();
    if (!from || !box) throw new Error('palette item or canvas not visible');
    await this.page.mouse.move(from.x + from.width / 2, from.y + from.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(box.x + x / 2, box.y + y / 2, { steps: 5 });
    await this.page.mouse.move(box.x + x, box.y + y, { steps: 5 });
    await this.page.mouse.up();
  }

  /** Drags from one node's output handle to another node's input handle. */
  async connect(from: string, to: string) {
    const source = await this.node(from).locator('.react-flow__handle.source').boundingBox();
    const target = await this.node(to).locator('.react-flow__handle.target').boundingBox();
    if (!source || !target) throw new Error(`handles of ${from} or ${to} not visible`);
    await this.page.mouse.move(source.x + source.width / 2, source.y + source.height / 2);
    await this.page.mouse.down();
    await this.page.mouse.move(target.x + target.width / 2, target.y + target.height / 2, { steps: 10 });
    await this.page.mouse.up();
  }

  async select(name: string) {
    const inspected = this.page.getByRole('complementary', { name: 'Inspector' }).getByLabel('Name');
    // Right after a template loads, the canvas may still be fitting the view: a click can land where
    // the node was a frame ago. Click again until the inspector shows the node.
    await expect(async () => {
      await this.node(name).locator('.layer-node-head').click();
      await expect(inspected).toHaveValue(name, { timeout: 2_000 });
    }).toPass({ timeout: 15_000 });
  }

  field(label: string): Locator {
    return this.page.getByRole('complementary', { name: 'Inspector' }).getByLabel(label, { exact: true });
  }

  /** Types a new value into an inspector field and leaves it, as a person would. */
  async setField(label: string, value: string) {
    const f = this.field(label);
    await f.fill(value);
    await f.press('Tab');
  }

  async choose(label: string, option: string) {
    await this.field(label).selectOption(option);
  }

  shapeOf(name: string): Locator {
    return this.node(name).getByTestId('output-shape');
  }

  get totalParams(): Locator {
    return this.page.getByTestId('total-params');
  }

  /** Clicks empty canvas so keyboard shortcuts go to the editor, not a field. */
  async focusCanvas() {
    const box = await this.canvas.boundingBox();
    if (!box) throw new Error('canvas not visible');
    await this.page.mouse.click(box.x + box.width - 30, box.y + 30);
  }

  /** Runs a model toolbar command: its button, or the item in the "More" menu when it did not fit. */
  async toolbarAction(name: string) {
    const bar = this.page.getByRole('toolbar', { name: 'Model tools' });
    const button = bar.getByRole('button', { name, exact: true });
    if (await button.isVisible()) return button.click();
    await bar.getByRole('button', { name: /^More/ }).click();
    await this.page.getByRole('menu').getByRole('menuitem', { name, exact: true }).click();
  }

  async loadTemplate(title: string) {
    await this.page.getByRole('toolbar', { name: 'Model tools' }).getByRole('button', { name: 'Templates' }).click();
    await this.page.getByRole('button', { name: `Load template ${title}` }).click();
    await expect(this.page.getByRole('dialog', { name: 'Templates' })).toBeHidden();
    // A pretrained template fetches its weights first: wait until its graph is the one on the canvas.
    await expect(this.page.getByText(`Loaded “${title}”`)).toBeVisible({ timeout: 30_000 });
  }
}
