'use strict';
// CPU time of a process and everything it started, from /proc (Linux).
//
// n8n is started in its own process group (e2e/lib/proc.js startProcess: detached),
// and what it spawns (n8n 2.x's JavaScript task runner, started as `node` from PATH)
// stays in that group. The group's CPU is the sum of utime+stime (all threads of
// each process: /proc/<pid>/stat counts the whole thread group, including threads
// that have ended) over the group's live processes, plus cutime+cstime of the group
// leader (children it has already reaped). Resolution: one clock tick (10 ms).
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

let ticksPerSecond = 100;
try {
	ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
} catch {}
const MS_PER_TICK = 1000 / ticksPerSecond;

/** Parsed /proc/<pid>/stat, or undefined when the process is gone. */
function readStat(pid) {
	let text;
	try {
		text = fs.readFileSync(`/proc/${pid}/stat`, 'utf8');
	} catch {
		return undefined;
	}
	// "pid (comm) state ppid pgrp ..." — comm may hold spaces and parentheses.
	const close = text.lastIndexOf(')');
	const comm = text.slice(text.indexOf('(') + 1, close);
	const f = text.slice(close + 2).split(' ');
	// f[0] is field 3 (state): field n is f[n - 3].
	return {
		pid,
		comm,
		ppid: Number(f[1]),
		pgrp: Number(f[2]),
		utime: Number(f[11]),
		stime: Number(f[12]),
		cutime: Number(f[13]),
		cstime: Number(f[14]),
		threads: Number(f[17]),
	};
}

/** Processes whose process group is `pgid`. */
function groupMembers(pgid) {
	const members = [];
	for (const name of fs.readdirSync('/proc')) {
		if (!/^\d+$/.test(name)) continue;
		const stat = readStat(Number(name));
		if (stat && stat.pgrp === pgid) members.push(stat);
	}
	return members;
}

/** CPU milliseconds (user + system) used so far by the group led by `leaderPid`. */
function groupCpuMs(leaderPid) {
	let ticks = 0;
	for (const p of groupMembers(leaderPid)) {
		ticks += p.utime + p.stime;
		if (p.pid === leaderPid) ticks += p.cutime + p.cstime;
	}
	return ticks * MS_PER_TICK;
}

/**
 * CPU ticks of every thread of the group, by "<process> / <thread name>" (thread
 * names as the kernel shows them: "node" for a main thread, "V8 DefaultWorke",
 * "libuv-worker", ...). Threads that end between two snapshots drop out of the
 * breakdown (the group total above still counts them).
 */
function groupThreads(leaderPid) {
	const threads = new Map();
	for (const p of groupMembers(leaderPid)) {
		const owner = p.pid === leaderPid ? 'n8n' : `child ${p.comm}`;
		let tids = [];
		try {
			tids = fs.readdirSync(`/proc/${p.pid}/task`);
		} catch {}
		for (const tid of tids) {
			let text;
			try {
				text = fs.readFileSync(`/proc/${p.pid}/task/${tid}/stat`, 'utf8');
			} catch {
				continue;
			}
			const close = text.lastIndexOf(')');
			const comm = text.slice(text.indexOf('(') + 1, close);
			const f = text.slice(close + 2).split(' ');
			threads.set(`${p.pid}/${tid}`, { name: `${owner} / ${Number(tid) === p.pid ? 'main thread' : comm}`, ticks: Number(f[11]) + Number(f[12]) });
		}
	}
	return threads;
}

/** CPU ms per thread name between two groupThreads() snapshots, largest first. */
function threadDelta(before, after) {
	const byName = new Map();
	for (const [id, t] of after) {
		const d = t.ticks - (before.get(id)?.ticks || 0);
		if (d > 0) byName.set(t.name, (byName.get(t.name) || 0) + d * MS_PER_TICK);
	}
	return [...byName].sort((a, b) => b[1] - a[1]);
}

/** CPU milliseconds of this process (all threads), with microsecond resolution. */
function selfCpuMs() {
	const u = process.cpuUsage();
	return (u.user + u.system) / 1000;
}

/** Commands of the group's processes, for the report ("what does n8n spawn"). */
function describeGroup(leaderPid) {
	return groupMembers(leaderPid).map((p) => {
		let cmd = p.comm;
		try {
			cmd = fs.readFileSync(`/proc/${p.pid}/cmdline`, 'utf8').split('\0').filter(Boolean).map((a) => a.replace(/^.*\/node_modules\//, '…/')).join(' ');
		} catch {}
		const names = new Map();
		try {
			for (const tid of fs.readdirSync(`/proc/${p.pid}/task`)) {
				const name = Number(tid) === p.pid ? 'main thread' : fs.readFileSync(`/proc/${p.pid}/task/${tid}/comm`, 'utf8').trim();
				names.set(name, (names.get(name) || 0) + 1);
			}
		} catch {}
		const threadNames = [...names].map(([n, c]) => (c > 1 ? `${n} ×${c}` : n)).join(', ');
		return { pid: p.pid, threads: p.threads, threadNames, cmd, cpuMs: (p.utime + p.stime) * MS_PER_TICK };
	});
}

module.exports = { MS_PER_TICK, readStat, groupMembers, groupCpuMs, groupThreads, threadDelta, selfCpuMs, describeGroup };
