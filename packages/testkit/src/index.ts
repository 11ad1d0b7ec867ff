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
