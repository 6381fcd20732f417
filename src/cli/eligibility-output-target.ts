import { randomBytes } from "node:crypto";
import { unlinkSync } from "node:fs";
import { lstat, open, realpath, rename, stat, unlink, type FileHandle } from "node:fs/promises";
import { basename, dirname, extname, join, resolve } from "node:path";
import type { Writable } from "node:stream";
import { cliError, problemOf } from "./exit-codes.js";
import type { Problem } from "../errors.js";

/**
 * Where `declics eligibility` writes: a temporary file beside the target, created exclusively under a random
 * name and renamed over the target only when complete; or standard output (`-o -`).
 * @module
 */

/** Where the output goes, checked before any work. */
export type OutputTarget =
  { readonly kind: "stdout" } | { readonly kind: "file"; readonly path: string; readonly mode: number };

/** The output as the writer sees it. */
export interface OutputSink {
  /** The file name (or `-`), for messages. */
  readonly label: string;
  /**
   * Writes the bytes after those of the earlier calls (several writes may be pending: they are written in
   * order). The caller may reuse the bytes once the promise resolves. After a failure every later write and
   * the commit fail with the same error.
   */
  write(bytes: Uint8Array): Promise<void>;
  /** Flushes and, for a file, renames the temporary file over the target. */
  commit(): Promise<void>;
  /** Removes the temporary file (after a failure). */
  abort(): Promise<void>;
}

/** Thrown when the reader of standard output went away (`-o - | head`): the command ends quietly. */
export class OutputClosed extends Error {
  constructor() {
    super("standard output closed");
    this.name = "OutputClosed";
  }
}

/** Temporary outputs being written, removed if the process is interrupted. */
const pendingOutputs = new Set<string>();

/**
 * Removes the temporary output files of runs in progress (call it on SIGINT / SIGTERM), so that an
 * interrupted run never leaves a file that looks complete.
 *
 * @returns how many files were removed
 * @example
 * ```ts
 * process.on("SIGINT", () => { removePendingOutputs(); process.exit(130); });
 * ```
 */
export function removePendingOutputs(): number {
  let removed = 0;
  for (const path of pendingOutputs) {
    try {
      unlinkSync(path);
      removed++;
    } catch {
      // already gone
    }
  }
  pendingOutputs.clear();
  return removed;
}

/** INPUT-eligibilite.csv beside the input. */
export function defaultOutputPath(input: string): string {
  const ext = extname(input);
  return join(dirname(input), `${basename(input, ext)}-eligibilite${ext === "" ? ".csv" : ext}`);
}

const unavailable = (file: string, problem: Problem, cause?: unknown): Error =>
  cliError("output_unavailable", { file, ...problem }, cause);

/**
 * Checks the output before any work: standard output for `-`; otherwise a regular file or a new name in an
 * existing folder. A symbolic link is followed (the file it points to is replaced, the link kept). Refused:
 * devices, FIFOs, sockets and folders, and the input itself, compared by device and inode (so a link or a
 * hard link to the input is caught, not only the same path).
 *
 * @param output - `-o` as given, or undefined for the default name
 * @param input - the input path, device and inode
 * @returns the target
 * @throws {DeclicsError} `usage` for a refused target, `output_unavailable` for a missing folder
 * @example
 * ```ts
 * await prepareOutput("out.csv", { path: "in.csv", dev: 2049, ino: 1234 }); // => { kind: "file", path: "/home/me/out.csv", mode: 0o666 }
 * ```
 */
export async function prepareOutput(
  output: string | undefined,
  input: { path: string; dev: number; ino: number },
): Promise<OutputTarget> {
  if (output === "-") return { kind: "stdout" };
  let path = resolve(output ?? defaultOutputPath(input.path));
  const link = await lstat(path).catch(() => null);
  if (link === null) {
    const folder = await stat(dirname(path)).catch((error: unknown) => {
      throw unavailable(path, problemOf(error), error);
    });
    if (!folder.isDirectory()) throw unavailable(path, { reason: "not_a_folder", values: { folder: dirname(path) } });
    return { kind: "file", path, mode: 0o666 };
  }
  if (link.isSymbolicLink()) path = await realpath(path).catch(() => path);
  const info = await stat(path).catch(() => null);
  if (info !== null && !info.isFile())
    throw cliError("usage", { reason: "output_not_regular", values: { file: path } });
  if (info !== null && info.dev === input.dev && info.ino === input.ino) {
    throw cliError("usage", { reason: "output_is_input", values: { file: output ?? path, input: input.path } });
  }
  return { kind: "file", path, mode: info === null ? 0o666 : info.mode & 0o777 };
}

/**
 * Opens the sink of a target: for a file, a temporary file `.NAME.RANDOM.tmp` in the target's folder, created
 * exclusively (`wx`: never through a planted link or over an existing file).
 *
 * @param target - from {@link prepareOutput}
 * @param stdout - standard output
 * @returns the sink
 * @throws {DeclicsError} `output_unavailable` when the temporary file cannot be created
 * @example
 * ```ts
 * const sink = await openSink(target, process.stdout);
 * await sink.write(Buffer.from("a;b\n"));
 * await sink.commit();
 * ```
 */
export async function openSink(target: OutputTarget, stdout: Writable): Promise<OutputSink> {
  if (target.kind === "stdout") return stdoutSink(stdout);
  const { path, mode } = target;
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(8).toString("hex")}.tmp`);
  let handle: FileHandle;
  try {
    handle = await open(tmp, "wx", mode);
  } catch (error) {
    throw unavailable(path, problemOf(error), error);
  }
  pendingOutputs.add(tmp);
  const fail = (error: unknown): Error => unavailable(path, problemOf(error), error);
  let closed = false;
  const close = async (): Promise<void> => {
    if (!closed) {
      closed = true;
      await handle.close();
    }
  };
  // Writes run one after the other, in the order they were asked for (never two at once on the handle).
  let queue: Promise<void> = Promise.resolve();
  let failure: Error | null = null;
  const writeAll = async (bytes: Uint8Array): Promise<void> => {
    if (failure !== null) throw failure;
    try {
      for (let at = 0; at < bytes.length;) at += (await handle.write(bytes, at, bytes.length - at)).bytesWritten;
    } catch (error) {
      throw (failure = fail(error));
    }
  };
  return {
    label: path,
    write(bytes) {
      const written = queue.then(() => writeAll(bytes));
      queue = written.catch(() => undefined);
      return written;
    },
    async commit() {
      await queue;
      if (failure !== null) throw failure;
      try {
        await close();
        await rename(tmp, path);
        pendingOutputs.delete(tmp);
      } catch (error) {
        throw fail(error);
      }
    },
    async abort() {
      await queue;
      await close().catch(() => undefined);
      await unlink(tmp).catch(() => undefined);
      pendingOutputs.delete(tmp);
    },
  };
}

function stdoutSink(stdout: Writable): OutputSink {
  let failure: (Error & { code?: string }) | null = null;
  const record = (error: Error | null | undefined): void => {
    if (error) failure ??= error;
  };
  stdout.on("error", record);
  const check = (): void => {
    if (failure === null) return;
    if (failure.code === "EPIPE" || failure.code === "ERR_STREAM_DESTROYED") throw new OutputClosed();
    throw unavailable("-", problemOf(failure), failure);
  };
  return {
    label: "-",
    async write(bytes) {
      check();
      // Waits until the stream is done with the bytes, failed or closed: the caller then reuses them.
      await new Promise<void>((resolve) => {
        const finish = (error?: Error | null): void => {
          stdout.off("close", finish);
          stdout.off("error", finish);
          record(error);
          resolve();
        };
        stdout.once("close", finish);
        stdout.once("error", finish);
        stdout.write(bytes, finish);
      });
      check();
    },
    async commit() {
      check();
      await new Promise<void>((done) => stdout.write("", (error) => (record(error), done())));
      check();
    },
    async abort() {
      // Nothing to remove: what was written to standard output is gone.
    },
  };
}
