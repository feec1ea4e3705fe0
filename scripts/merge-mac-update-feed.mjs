#!/usr/bin/env node
// Release: one macOS update feed for both architectures. The release workflow packs the arm64 Mac
// app on an Apple silicon runner and the x64 one on an Intel runner (so each carries the keychain
// binding npm installed for its own architecture); each run writes its own latest-mac.yml listing
// only its files. electron-updater's MacUpdater picks the files whose names contain "arm64" on
// Apple silicon and the others on Intel, from ONE latest-mac.yml, so the two are merged here.
//
// Usage: node scripts/merge-mac-update-feed.mjs <out.yml> <feed.yml>...
// The merged feed lists every input's `files`; its legacy `path`/`sha512` (read by old updaters)
// come from the x64 feed, which also runs on Apple silicon through Rosetta; `releaseDate` is the
// latest. Exits 1 when the feeds disagree on the version or on a file's checksum.
import { readFileSync, writeFileSync } from 'node:fs';
import { parse, stringify } from 'yaml';

const [out, ...inputs] = process.argv.slice(2);
if (!out || inputs.length === 0) {
  console.error('usage: node scripts/merge-mac-update-feed.mjs <out.yml> <feed.yml>...');
  process.exit(2);
}

function fail(message) {
  console.error(`merge-mac-update-feed: ${message}`);
  process.exit(1);
}

const feeds = inputs.map((file) => ({ file, feed: parse(readFileSync(file, 'utf8')) }));
for (const { file, feed } of feeds) {
  if (!feed?.version || !Array.isArray(feed.files)) fail(`${file} is not an electron-builder update feed`);
  if (feed.version !== feeds[0].feed.version) {
    fail(`${file} is version ${feed.version}, ${feeds[0].file} is ${feeds[0].feed.version}`);
  }
}

const files = new Map();
for (const { file, feed } of feeds) {
  for (const entry of feed.files) {
    const seen = files.get(entry.url);
    if (seen && seen.sha512 !== entry.sha512) fail(`${entry.url} has two checksums (again in ${file})`);
    files.set(entry.url, entry);
  }
}
const legacy = (feeds.find(({ feed }) => !String(feed.path).includes('arm64')) ?? feeds[0]).feed;
const releaseDate = feeds
  .map(({ feed }) => feed.releaseDate)
  .filter(Boolean)
  .sort()
  .at(-1);
const merged = { ...legacy, files: [...files.values()], ...(releaseDate ? { releaseDate } : {}) };
writeFileSync(out, stringify(merged));
console.log(`merge-mac-update-feed: ${out} lists ${files.size} files from ${inputs.length} feeds`);
