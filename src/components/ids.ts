/** Page-unique ids for components that render several times on one page (radio groups, labels). */
let counter = 0;
export function nextId(prefix: string): string {
  counter += 1;
  return `${prefix}-${counter}`;
}
