// Removes dist/ before a build so no stale compiled file is ever shipped.
require('node:fs').rmSync(require('node:path').join(__dirname, '..', 'dist'), { recursive: true, force: true });
