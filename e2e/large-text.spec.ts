// Large text: at 200 % text size every main screen fits 360 px without sideways scrolling, the navigation
// items never overlap, and no word is split. Screenshots at 360 and 1280 px go to .tmp/large-text/ for a look.
import type { Page } from '@playwright/test';
import { expect, test } from './fixtures.ts';
import { InquiryList, IntakeForm, makeIntakeData } from './pages/intake.ts';

test.describe.configure({ timeout: 240_000 });

/** Text at 200 %, as a volunteer with the phone's text size turned up sees it: rem-based sizes double. */
async function useLargeText(page: Page): Promise<void> {
  await page.addInitScript(() => {
    const apply = () => document.documentElement.style.setProperty('font-size', '200%');
    if (document.documentElement) apply();
    else document.addEventListener('DOMContentLoaded', apply);
  });
}

/**
 * What is wrong with the layout on screen: sideways scroll, navigation labels spilling out of their item or
 * items on top of each other, words split where they would have fitted whole. Empty when all is well.
 */
async function layoutProblems(page: Page): Promise<string[]> {
  const problems: string[] = [];
  // The layout viewport (clientWidth), not innerWidth: a phone browser zooms out to show a too-wide page whole.
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
  if (overflow > 0) problems.push(`scrolls sideways by ${overflow} px`);
  const boxes = await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link').evaluateAll((links) =>
    links.map((link) => {
      const r = link.getBoundingClientRect();
      // The text's own box: a label wider than its link would overflow into the next one.
      const range = document.createRange();
      range.selectNodeContents(link);
      const text = range.getBoundingClientRect();
      return { left: r.left, right: r.right, top: r.top, bottom: r.bottom, textLeft: text.left, textRight: text.right };
    }),
  );
  for (const [i, a] of boxes.entries()) {
    if (a.textLeft < a.left - 1 || a.textRight > a.right + 1) problems.push(`navigation item ${i + 1}: its label spills out`);
    for (const [j, b] of boxes.slice(i + 1).entries()) {
      const overlaps = a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1;
      if (overlaps) problems.push(`navigation items ${i + 1} and ${i + j + 2} overlap`);
    }
  }
  // No word split across lines where it would have fitted whole: a split shows as one word's text spanning
  // two line boxes.
  const split = await page.evaluate(() => {
    // A word longer than the whole line may break (a 20-letter surname at 200 % on 360 px has to); one that
    // would fit its block's line but is split anyway is a layout fault: a squeezed column, a tight flex item.
    const fitsWhole = (word: string, parent: HTMLElement): boolean => {
      // The line it could have had: past inline boxes, and past flex and grid items (a squeezed item is the fault).
      let block: HTMLElement = parent;
      const isItem = (el: HTMLElement) => el.parentElement !== null && /flex|grid/.test(getComputedStyle(el.parentElement).display);
      while (block.parentElement && (getComputedStyle(block).display.startsWith('inline') || isItem(block))) block = block.parentElement;
      const style = getComputedStyle(block);
      const line = block.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
      const probe = document.createElement('span');
      probe.textContent = word;
      probe.style.cssText = `position:absolute;visibility:hidden;white-space:nowrap;font:${getComputedStyle(parent).font};letter-spacing:${getComputedStyle(parent).letterSpacing}`;
      document.body.append(probe);
      const width = probe.getBoundingClientRect().width;
      probe.remove();
      return width <= line + 1;
    };
    const found: string[] = [];
    const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const text = node.textContent ?? '';
      const parent = node.parentElement;
      if (!parent || !parent.offsetParent || !text.trim()) continue;
      // Words, each up to and with a hyphen: a line may break after "EG9K-" as after any hyphen.
      for (const match of text.matchAll(/[^\s-]+-?/g)) {
        const word = match[0];
        const offset = match.index;
        if (word.length > 1) {
          const range = document.createRange();
          range.setStart(node, offset);
          range.setEnd(node, offset + word.length);
          const rects = [...range.getClientRects()].filter((r) => r.width > 0);
          if (rects.length > 1 && new Set(rects.map((r) => Math.round(r.top))).size > 1 && fitsWhole(word, parent)) found.push(`${word} (in ${parent.tagName.toLowerCase()}${parent.className ? `.${parent.className}` : ""})`);
        }
      }
    }
    return found;
  });
  return [...problems, ...split.map((word) => `split word: ${word}`)];
}

/** Checks a screen and keeps its screenshots for a look. */
async function expectFits(page: Page, name: string, width: number): Promise<void> {
  await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
  await expect.poll(() => layoutProblems(page), { message: `${name} at ${width} px` }).toEqual([]);
  // The whole page, and its first screen alone (a whole long page shrinks too far to look at).
  await page.screenshot({ path: `.tmp/large-text/${name}-${width}.png`, fullPage: true });
  await page.screenshot({ path: `.tmp/large-text/${name}-${width}-top.png` });
}

for (const width of [360, 1280]) {
  test(`at 200 % text and ${width} px the main screens fit, the navigation does not overlap, no word is split`, async ({ app, page }) => {
    await page.setViewportSize({ width, height: 720 });
    await useLargeText(page);
    await app.goto('/');
    await expect(page).toHaveURL(/\/setup$/);
    await expectFits(page, 'setup', width);
    await app.setUp();
    await expectFits(page, 'list-empty', width);

    const form = new IntakeForm(page);
    const data = makeIntakeData({ personSurname: 'Великотекстенко' });
    await form.open();
    await form.registerInquiry(data, async (screen) => {
      await expectFits(page, `intake-${screen}`, width);
    });
    const list = new InquiryList(page);
    await list.open();
    await expectFits(page, 'list', width);
    await list.row(/Великотекстенко/).click();
    await expectFits(page, 'detail', width);

    await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Синхронізація' }).click();
    await expectFits(page, 'sync', width);
    await page.getByRole('navigation', { name: 'Розділи' }).getByRole('link', { name: 'Налаштування' }).click();
    await expectFits(page, 'settings', width);
    await app.lockNow();
    await expectFits(page, 'unlock', width);
  });
}

test('control: the layout check catches what was broken before (squeezed navigation, a squeezed value, a too-wide element)', async ({ app, page }) => {
  await useLargeText(page);
  await app.setUp();
  await expect.poll(() => layoutProblems(page)).toEqual([]);
  // The navigation rule as it was: a minimum width of its own, so a long label spills over its neighbour.
  await page.addStyleTag({ content: '.nav__link { min-width: var(--touch) !important; flex: 1 1 40% !important; }' });
  await expect.poll(() => layoutProblems(page)).toContainEqual(expect.stringMatching(/^navigation item \d: its label spills out$/));
  // A word squeezed by a neighbour in its row.
  await page.evaluate(() => {
    const row = document.createElement('div');
    row.style.cssText = 'display:flex';
    row.innerHTML = '<span style="flex:1;min-width:0">Синхронізація</span><button style="white-space:nowrap">Змінити значення</button>';
    document.querySelector('main')?.prepend(row);
  });
  await expect.poll(() => layoutProblems(page)).toContainEqual(expect.stringMatching(/^split word: Синхронізація/));
  await page.evaluate(() => {
    const wide = document.createElement('div');
    wide.style.cssText = 'width:500px;height:1px';
    document.body.append(wide);
  });
  await expect.poll(() => layoutProblems(page)).toContainEqual(expect.stringMatching(/^scrolls sideways by \d+ px$/));
});
