/** The member's 5-star rating as Letterboxd shows it: 4.5 → "★★★★½", 0.5 → "½"; `null` when unrated. */
export function ratingToStars(rating: number | null): string | null {
  if (rating === null || !Number.isFinite(rating) || rating <= 0) return null;
  const halves = Math.min(10, Math.max(1, Math.round(rating * 2)));
  return '★'.repeat(Math.floor(halves / 2)) + (halves % 2 === 1 ? '½' : '');
}
