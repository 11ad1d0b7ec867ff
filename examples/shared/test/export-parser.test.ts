import { mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { strToU8, zipSync } from 'fflate';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ExportWorkerError,
  exportParsesPending,
  hasStoredExport,
  parseExportInWorker,
  readStoredExport,
  saveExport,
  storedExportsUsage,
} from '@lbx/example-shared';
import { LetterboxdExportError, LetterboxdExportTooManyError } from '@lbx/letterboxd';

const header = 'Date,Name,Year,Letterboxd URI\r\n';
const exportZip = (watched = `${header}2024-01-02,Heat,1995,https://boxd.it/2b0k\r\n`) =>
  zipSync({ 'profile.csv': strToU8('Date Joined,Username\r\n2021-05-06,wren_w\r\n'), 'watched.csv': strToU8(watched) });

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'lbx-parse-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('parseExportInWorker', () => {
  it('reads an export off the main thread like readExport', async () => {
    const data = await parseExportInWorker(exportZip());
    expect(data.profile?.username).toBe('wren_w');
    expect(data.watched.map((film) => film.title)).toEqual(['Heat']);
  });

  it("rethrows readExport's typed errors and option checks on the main thread", async () => {
    const rows = `${header}${'2024-01-01,X,2000,https://boxd.it/x\r\n'.repeat(11)}`;
    const tooMany = await parseExportInWorker(exportZip(rows), { maxRows: 10 }).catch((error: unknown) => error);
    expect(tooMany).toBeInstanceOf(LetterboxdExportTooManyError);
    expect(tooMany).toMatchObject({ limit: 'maxRows', max: 10, reason: 'too-large', file: 'watched.csv' });
    const corrupt = await parseExportInWorker(new Uint8Array([0x50, 0x4b, 1, 2])).catch((error: unknown) => error);
    expect(corrupt).toBeInstanceOf(LetterboxdExportError);
    expect(corrupt).toMatchObject({ reason: 'corrupt-zip' });
    await expect(parseExportInWorker(exportZip(), { maxRows: 0 })).rejects.toThrow(RangeError);
  });

  it('parses one at a time; an aborted caller leaves the queue and the others still get their answer', async () => {
    const controller = new AbortController();
    let firstDone = false;
    const first = parseExportInWorker(exportZip()).finally(() => (firstDone = true));
    const abandoned = parseExportInWorker(exportZip(), { signal: controller.signal });
    const third = parseExportInWorker(exportZip());
    expect(exportParsesPending()).toBe(3);
    controller.abort(new Error('client went away'));
    await expect(abandoned).rejects.toThrow('client went away');
    expect(firstDone).toBe(false); // it left the queue at once, not when its turn came
    expect((await first).watched).toHaveLength(1);
    expect((await third).watched).toHaveLength(1);
    expect(exportParsesPending()).toBe(0);
  });

  it('an abort during the parse ends the worker; the next parse starts a fresh one', async () => {
    const controller = new AbortController();
    const running = parseExportInWorker(exportZip(), { signal: controller.signal });
    controller.abort(new Error('stop'));
    await expect(running).rejects.toThrow('stop');
    expect((await parseExportInWorker(exportZip())).watched).toHaveLength(1);
  });

  it('turns the heap limit into ExportWorkerError out-of-memory, and a later parse with another limit works', async () => {
    const rows = `${header}${'2024-01-01,A title long enough to take some room,2000,https://boxd.it/x\r\n'.repeat(90_000)}`;
    const error = await parseExportInWorker(exportZip(rows), { memoryLimitMb: 32 }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ExportWorkerError);
    expect(error).toMatchObject({ name: 'ExportWorkerError', reason: 'out-of-memory' });
    expect((error as Error).message).toMatch(/more than the parser's 32 MiB heap limit/);
    await parseExportInWorker(exportZip(), { memoryLimitMb: 64 });
    expect((await parseExportInWorker(exportZip())).watched).toHaveLength(1);
  });
});

describe('readStoredExport', () => {
  it('parses a stored ZIP once and reads its parsed form afterwards; none → null', async () => {
    expect(await readStoredExport(dir, 'wren_w')).toBeNull();
    expect(await readStoredExport(null, 'wren_w')).toBeNull();
    expect(await hasStoredExport(null, 'wren_w')).toBe(false);
    await saveExport(dir, 'Wren_W', exportZip());
    expect(await hasStoredExport(dir, 'wren_w')).toBe(true);
    expect((await readStoredExport(dir, 'wren_w'))?.watched).toHaveLength(1);
    expect((await readdir(dir)).sort()).toEqual(['wren_w.parsed.json', 'wren_w.zip']);
    // A damaged parsed form is ignored: the ZIP is parsed again and the form rewritten.
    await writeFile(join(dir, 'wren_w.parsed.json'), '{ not json');
    expect((await readStoredExport(dir, 'wren_w'))?.watched).toHaveLength(1);
    const usage = await storedExportsUsage(dir);
    expect(usage.exports).toBe(1);
    expect(usage.bytes).toBe(usage.bytesByMember.get('wren_w'));
    expect(await storedExportsUsage(join(dir, 'missing'))).toEqual({ exports: 0, bytes: 0, bytesByMember: new Map() });
  });
});
