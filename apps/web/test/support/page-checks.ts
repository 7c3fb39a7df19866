import AxeBuilder from '@axe-core/playwright';
import type { Page } from 'playwright-core';

/** A phone's screen (CSS pixels), the narrow size every page must fit. */
export const PHONE = { width: 390, height: 844 } as const;
/** A laptop's window, the wide size every page must keep working at. */
export const LAPTOP = { width: 1280, height: 860 } as const;

/**
 * What a person on this screen cannot reach or read: the page scrolling sideways, and every
 * control (button, link, field) or signed-in name whose box leaves the window or is cut by
 * an ancestor that clips (overflow hidden or clip on both axes; auto or scroll sideways,
 * since a control that needs a sideways scroll inside a card is as hard to find).
 * Visually hidden elements (1 px boxes) and closed parts of the page are skipped.
 */
export async function layoutProblems(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const problems: string[] = [];
    const width = window.innerWidth;
    const scrolling = document.scrollingElement ?? document.documentElement;
    if (scrolling.scrollWidth > width) problems.push(`the page is ${scrolling.scrollWidth} px wide in a ${width} px window`);

    const describe = (element: Element): string => {
      const text = (element.getAttribute('aria-label') ?? element.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
      const name = element instanceof HTMLInputElement || element instanceof HTMLSelectElement ? (element.labels?.[0]?.textContent ?? element.name) : text;
      return `<${element.tagName.toLowerCase()}> "${name}"`;
    };
    const selector = 'a[href], button, input:not([type="hidden"]), select, textarea, [role="button"], [data-testid="signed-in-user"]';
    for (const element of document.querySelectorAll(selector)) {
      const box = element.getBoundingClientRect();
      // Not drawn at all, or drawn as a 1 px visually-hidden box (screen-reader text, a file input under its label).
      if (box.width < 2 || box.height < 2) continue;
      const style = getComputedStyle(element);
      if (style.visibility === 'hidden' || Number(style.opacity) === 0) continue;
      if (box.left < -0.5 || box.right > width + 0.5) {
        problems.push(`${describe(element)} spans x ${Math.round(box.left)}–${Math.round(box.right)}, outside the ${width} px window`);
        continue;
      }
      for (let parent = element.parentElement; parent && parent !== document.body; parent = parent.parentElement) {
        const parentStyle = getComputedStyle(parent);
        const clipsX = parentStyle.overflowX !== 'visible';
        const clipsY = parentStyle.overflowY === 'hidden' || parentStyle.overflowY === 'clip';
        if (!clipsX && !clipsY) continue;
        const frame = parent.getBoundingClientRect();
        const cutX = clipsX && (box.left < frame.left - 0.5 || box.right > frame.right + 0.5);
        const cutY = clipsY && (box.top < frame.top - 0.5 || box.bottom > frame.bottom + 0.5);
        if (cutX || cutY) {
          problems.push(
            `${describe(element)} is cut by <${parent.tagName.toLowerCase()} class="${parent.className}"> (overflow ${parentStyle.overflowX}/${parentStyle.overflowY})`,
          );
          break;
        }
      }
    }
    return problems;
  });
}

/** axe-core's serious and critical findings on the page as it is now, one line each. */
export async function seriousAccessibilityViolations(page: Page): Promise<string[]> {
  const { violations } = await new AxeBuilder({ page }).analyze();
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map((violation) => {
      const nodes = violation.nodes.map(
        (node) => `${node.target.join(' ')}${node.failureSummary ? ` [${node.failureSummary.replace(/\s+/g, ' ').trim()}]` : ''}`,
      );
      return `${violation.id} (${violation.impact}): ${violation.help} — ${nodes.join(', ')}`;
    });
}

/** Whether the element's box is (at least partly) inside the window, i.e. a person sees it without scrolling. */
export async function isInWindow(page: Page, selector: string): Promise<boolean> {
  return page
    .locator(selector)
    .first()
    .evaluate((element) => {
      const box = element.getBoundingClientRect();
      return box.top < window.innerHeight && box.bottom > 0;
    });
}
