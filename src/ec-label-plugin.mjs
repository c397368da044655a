// @ts-check
/**
 * Expressive Code plugin: gives every code block's <pre> a unique accessible name
 * ("Code: ss -tulpn"). Expressive Code's script turns a horizontally scrolling <pre>
 * into a keyboard-focusable role="region"; without a name, two such regions on a page are
 * indistinguishable to screen readers (axe: landmark-unique).
 */
const counters = new Map();

/** @returns {import('@expressive-code/core').ExpressiveCodePlugin} */
export function labelCodeRegions() {
  return {
    name: 'portlab-label-code-regions',
    hooks: {
      postprocessRenderedBlock: ({ codeBlock, renderData }) => {
        const doc = codeBlock.parentDocument?.sourceFilePath ?? codeBlock.parentDocument?.documentRoot ?? codeBlock;
        const used = counters.get(doc) ?? new Map();
        counters.set(doc, used);
        const first = codeBlock.code.split('\n').find((l) => l.trim())?.trim() ?? '';
        const base = `Code: ${first.length > 40 ? `${first.slice(0, 40)}…` : first || codeBlock.language}`;
        const seen = (used.get(base) ?? 0) + 1;
        used.set(base, seen);
        const label = seen === 1 ? base : `${base} (${seen})`;
        /** @param {any} node */
        const visit = (node) => {
          if (node.type === 'element' && node.tagName === 'pre') {
            node.properties = { ...node.properties, 'aria-label': label };
            return;
          }
          for (const child of node.children ?? []) visit(child);
        };
        visit(renderData.blockAst);
      },
    },
  };
}
