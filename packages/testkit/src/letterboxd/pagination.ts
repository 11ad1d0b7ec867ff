/** Letterboxd's pagination block. `basePath` is the listing's page-1 path, ending in `/`. */
export function pagination(options: { basePath: string; page: number; totalPages: number; withPageList: boolean }): string {
  const { basePath, page, totalPages } = options;
  if (totalPages <= 1) return '';
  const pagePath = (n: number) => (n === 1 ? basePath : `${basePath}page/${n}/`);
  const previous =
    page > 1
      ? `<div class="paginate-nextprev"><a class="previous" href="${pagePath(page - 1)}">Newer</a></div>`
      : '<div class="paginate-nextprev paginate-disabled"><span class="previous">Newer</span></div>';
  const next =
    page < totalPages
      ? `<div class="paginate-nextprev"><a class="next" href="${pagePath(page + 1)}">Older</a></div>`
      : '<div class="paginate-nextprev paginate-disabled"><span class="next">Older</span></div>';
  let pages = '';
  if (options.withPageList) {
    const shown = [...new Set([1, page - 1, page, page + 1, totalPages])]
      .filter((n) => n >= 1 && n <= totalPages)
      .sort((a, b) => a - b);
    const items: string[] = [];
    shown.forEach((n, index) => {
      const before = shown[index - 1];
      if (before !== undefined && n - before > 1) items.push('<li class="paginate-page unseen-pages">&hellip;</li>');
      items.push(
        n === page
          ? `<li class="paginate-page paginate-current"><span>${n}</span></li>`
          : `<li class="paginate-page"><a href="${pagePath(n)}">${n}</a></li>`,
      );
    });
    pages = ` <div class="paginate-pages"> <ul> ${items.join(' ')} </ul> </div>`;
  }
  return `<div class="pagination"> ${previous} ${next}${pages} </div>`;
}
