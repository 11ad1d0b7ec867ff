// TMDb fake
export { createFakeTmdb } from './tmdb/create-fake-tmdb';
export { defaultTmdbCatalogue } from './tmdb/catalogue';
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
} from './tmdb/types';

// Letterboxd fake
export { createFakeLetterboxd } from './letterboxd/create-fake-letterboxd';
export { generateMember, type GenerateMemberOptions } from './letterboxd/generate-member';
export { demoMembers } from './letterboxd/demo-members';
export { renderMemberExport, type MemberExportOptions } from './letterboxd/member-export';
export { NOT_FOUND_MESSAGE } from './letterboxd/error-pages';
export { FILMS_PER_PAGE, WATCHLIST_PER_PAGE } from './letterboxd/listing-pages';
export { LIST_ENTRIES_PER_PAGE } from './letterboxd/member-list-page';
export type {
  FakeFilm,
  FakeLetterboxd,
  FakeLetterboxdFailRule,
  FakeLetterboxdOptions,
  FakeLetterboxdRequest,
  FakeMember,
  FakeMemberList,
  FakeMemberStats,
} from './letterboxd/types';

// Fakes as real HTTP servers
export { freePort } from './free-port';
export { serveHandlers, type HandlersInput, type ServedHandlers, type ServeHandlersOptions } from './serve-handlers';

// Letterboxd API fake
export { createFakeLetterboxdApi } from './letterboxd-api/create-fake-letterboxd-api';
export type {
  FakeLetterboxdApi,
  FakeLetterboxdApiFailRule,
  FakeLetterboxdApiOptions,
  FakeLetterboxdApiRequest,
  FakeRelationshipMode,
} from './letterboxd-api/types';
