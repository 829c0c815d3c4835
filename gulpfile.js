const path = require('node:path');
const { task, src, dest } = require('gulp');

// n8n resolves `file:` icons relative to the compiled .js, so the svg/png
// files go into dist/ next to them, keeping their folders.
function copy(from, to) {
	return new Promise((resolve, reject) => {
		src(path.resolve(from, '**', '*.{png,svg}'), { encoding: false })
			.pipe(dest(path.resolve('dist', to)))
			.on('finish', resolve)
			.on('error', reject);
	});
}

task('build:icons', () => Promise.all([copy('nodes', 'nodes'), copy('credentials', 'credentials')]));
