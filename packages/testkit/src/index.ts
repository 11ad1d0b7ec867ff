// TMDb fake
export { createFakeTmdb } from './tmdb/create-fake-tmdb.js';
export { defaultTmdbCatalogue } from './tmdb/catalogue.js';
export type {
  FakeCredentialKind,
  FakeList,
  FakeListItem,
  FakeMovie,
  FakeTmdb,
  FakeTmdbCredentials,
  FakeTmdbFailRule,
  FakeTmdbOptions,
  FakeTmdbRequest,
  FakeTv,
} from './tmdb/types.js';

// Letterboxd fake
export { createFakeLetterboxd } from './letterboxd/create-fake-letterboxd.js';
export { generateMember, type GenerateMemberOptions } from './letterboxd/generate-member.js';
export { demoMembers } from './letterboxd/demo-members.js';
export { renderMemberExport, type MemberExportOptions } from './letterboxd/member-export.js';
export { NOT_FOUND_MESSAGE } from './letterboxd/error-pages.js';
export { FILMS_PER_PAGE, WATCHLIST_PER_PAGE } from './letterboxd/listing-pages.js';
export { LIST_ENTRIES_PER_PAGE } from './letterboxd/member-list-page.js';
export type {
  FakeFilm,
  FakeLetterboxd,
  FakeLetterboxdFailRule,
  FakeLetterboxdOptions,
  FakeLetterboxdRequest,
  FakeMember,
  FakeMemberList,
  FakeMemberStats,
} from './letterboxd/types.js';

// Fakes as real HTTP servers
export { freePort } from './free-port.js';
export { serveHandlers, type HandlersInput, type ServedHandlers, type ServeHandlersOptions } from './serve-handlers.js';

// Letterboxd API fake
export { createFakeLetterboxdApi } from './letterboxd-api/create-fake-letterboxd-api.js';
export type {
  FakeLetterboxdApi,
  FakeLetterboxdApiFailRule,
  FakeLetterboxdApiOptions,
  FakeLetterboxdApiRequest,
  FakeRelationshipMode,
} from './letterboxd-api/types.js';
