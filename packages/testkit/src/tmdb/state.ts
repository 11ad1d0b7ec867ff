import type { ArmedRule } from '../faults/fail-rules.js';
import { defaultCredentials } from './tokens.js';
import type {
  FakeList,
  FakeMovie,
  FakeTmdbCredentials,
  FakeTmdbFailRule,
  FakeTmdbRequest,
  FakeTv,
} from './types.js';

/** Options after defaults. */
export interface ResolvedOptions {
  origin: string;
  movies: readonly FakeMovie[];
  tv: readonly FakeTv[];
  latencyMs: number;
  cacheListReads: boolean;
  acceptUnknownMedia: boolean;
}

/** A cached list-read answer (always a 200), as TMDb's CDN would keep it. */
export interface CachedAnswer {
  expiresAt: number;
  body: string;
}

/** Everything the fake remembers between requests. */
export interface FakeState {
  readonly options: ResolvedOptions;
  readonly credentials: FakeTmdbCredentials;
  readonly movies: Map<number, FakeMovie>;
  readonly tv: Map<number, FakeTv>;
  readonly lists: Map<number, FakeList>;
  readonly requests: FakeTmdbRequest[];
  readonly failRules: Array<ArmedRule<FakeTmdbFailRule>>;
  readonly pendingRequestTokens: Map<string, { approved: boolean; redirectTo: string | null }>;
  readonly userTokens: Set<string>;
  readonly revokedTokens: Set<string>;
  readonly cache: Map<string, CachedAnswer>;
  writes: number;
  nextListId: number;
  tokenSerial: number;
}

export const FIRST_LIST_ID = 8_500_001;

export function createState(options: ResolvedOptions): FakeState {
  const credentials = defaultCredentials();
  const state: FakeState = {
    options,
    credentials,
    movies: new Map(),
    tv: new Map(),
    lists: new Map(),
    requests: [],
    failRules: [],
    pendingRequestTokens: new Map(),
    userTokens: new Set(),
    revokedTokens: new Set(),
    cache: new Map(),
    writes: 0,
    nextListId: FIRST_LIST_ID,
    tokenSerial: 10,
  };
  resetState(state);
  return state;
}

/** Restore the initial state in place (the Maps and arrays handed out stay the same objects). */
export function resetState(state: FakeState): void {
  state.movies.clear();
  for (const movie of state.options.movies) state.movies.set(movie.id, { ...movie });
  state.tv.clear();
  for (const show of state.options.tv) state.tv.set(show.id, { ...show });
  state.lists.clear();
  state.requests.length = 0;
  state.failRules.length = 0;
  state.pendingRequestTokens.clear();
  state.userTokens.clear();
  state.userTokens.add(state.credentials.userAccessToken);
  state.revokedTokens.clear();
  state.cache.clear();
  state.writes = 0;
  state.nextListId = FIRST_LIST_ID;
  state.tokenSerial = 10;
}

/** Fill in defaults for a list being seeded or created. */
export function buildList(state: FakeState, input: Partial<FakeList> & { name: string }): FakeList {
  const id = input.id ?? state.nextListId;
  state.nextListId = Math.max(state.nextListId, id + 1);
  return {
    id,
    name: input.name,
    description: input.description ?? '',
    public: input.public ?? true,
    sortBy: input.sortBy ?? 'original_order.asc',
    language: input.language ?? 'en',
    accountId: input.accountId ?? state.credentials.accountId,
    items: (input.items ?? []).map((item) => ({ ...item, comment: item.comment ?? null })),
  };
}
