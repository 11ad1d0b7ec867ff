import type { PlannedItem } from '../sync-types.js';

/** A list entry the member's films say should be on the list, in the desired order. */
export interface DesiredItem extends PlannedItem {
  slug: string;
  year: number | null;
  /** Comment to set (the rating in stars), or `null` to leave the comment alone. */
  comment: string | null;
}

/** A list entry currently on the TMDb list, in insertion order. */
export interface CurrentItem extends PlannedItem {
  comment: string | null;
}

/** The writes that turn the current list into the desired one. */
export interface ListDiff {
  /** Items to append, in this order (new items and moved items). */
  add: DesiredItem[];
  /** Items on the list that must go. */
  remove: CurrentItem[];
  /** Items to remove first and re-add (they are also in `add`) so the final order is the desired one. */
  move: CurrentItem[];
  /** Comments to set after the adds. */
  comment: Array<DesiredItem & { comment: string }>;
  /** Items that stay where they are. */
  unchanged: number;
}

export function itemKey(item: { mediaType: string; mediaId: number }): string {
  return `${item.mediaType}:${item.mediaId}`;
}

/**
 * Diff the current list against the desired one. TMDb lists keep insertion order and have no reorder endpoint,
 * so items can only be appended: the items that stay in place are the longest prefix of the desired list that
 * already appears on the list in the same relative order; every later desired item is (re-)appended. When the
 * list only lacks new items at the end, or only has extras, nothing moves.
 */
export function planSync(current: readonly CurrentItem[], desired: readonly DesiredItem[]): ListDiff {
  const position = new Map(current.map((item, index) => [itemKey(item), index]));
  const currentByKey = new Map(current.map((item) => [itemKey(item), item]));
  const desiredKeys = new Set(desired.map(itemKey));

  // Longest prefix of `desired` found on the list at increasing positions, ignoring items about to be removed.
  let inPlace = 0;
  let lastPosition = -1;
  for (const item of desired) {
    const at = position.get(itemKey(item));
    if (at === undefined || at < lastPosition) break;
    lastPosition = at;
    inPlace += 1;
  }

  const add = desired.slice(inPlace);
  const move = add.flatMap((item) => currentByKey.get(itemKey(item)) ?? []);
  const remove = current.filter((item) => !desiredKeys.has(itemKey(item)));
  const comment = desired.flatMap((item, index) => {
    if (item.comment === null) return [];
    const reAdded = index >= inPlace;
    const now = currentByKey.get(itemKey(item))?.comment ?? null;
    return reAdded || now !== item.comment ? [{ ...item, comment: item.comment }] : [];
  });
  return { add, remove, move, comment, unchanged: inPlace };
}
