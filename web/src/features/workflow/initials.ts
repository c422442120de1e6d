/** "Nguyễn Văn An" → "NVA": a review's small box shows the reviewer's initials. */
export function initials(fullName: string): string {
  return fullName
    .split(/\s+/)
    .filter(Boolean)
    .map((word) => word[0]?.toLocaleUpperCase('vi') ?? '')
    .join('');
}
