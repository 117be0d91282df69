/** Prints the tables of a profile.ts result: npx tsx tests/tools/profile-mesh/summary.ts [/tmp/profile-mesh/out] */
import { readFileSync } from 'node:fs';

const dir = process.argv[2] ?? '/tmp/profile-mesh/out';
const r = JSON.parse(readFileSync(`${dir}/result.json`, 'utf8'));
console.log('config', JSON.stringify(r.config), 'mesh at end:', r.meshAtEnd);
for (const w of ['windowA', 'windowB', 'windowC'] as const) {
  const x = r[w];
  if (!x) continue;
  console.log(`\n== ${w} (${x.cpu.seconds} s) machine busy ${x.cpu.machineBusyPctOfOneCore}% of one core (of 200)`);
  console.log('by type:', Object.entries(x.cpu.byType).map(([k, v]) => `${k} ${v}`).join(' | '));
  console.log('per process >0.5:', x.cpu.perProcess.filter((p: { pct: number }) => p.pct > 0.5).map((p: { label: string; pct: number }) => `${p.label} ${p.pct}`).join(' | '));
  console.log('page main thread (% of wall):');
  for (const m of x.pageMetrics) console.log(`  ${m.page.padEnd(4)} task ${m.taskPct} script ${m.scriptPct} layout ${m.layoutPct} style ${m.recalcStylePct} threadTime ${m.threadTimePct} | process ${m.processTimePct} | layouts/s ${m.layoutCountPerS} recalcs/s ${m.recalcCountPerS} heap ${m.jsHeapMB} MB nodes ${m.nodes}`);
  if (w !== 'windowB') console.log('threads:\n  ' + x.cpu.threadsTop.slice(0, 24).join('\n  '));
  if (x.callsPerS) {
    console.log('calls per page (perS, msPerCall, msPerS):');
    const keys = [...new Set(x.callsPerS.flatMap((p: { calls: object }) => Object.keys(p.calls)))] as string[];
    for (const k of keys.sort()) console.log(`  ${k.padEnd(62)} ` + x.callsPerS.map((p: { page: string; calls: Record<string, { perS: number; msPerCall: number | null; msPerS: number }> }) => { const c = p.calls[k]; return c ? `${p.page} ${c.perS}/${c.msPerCall ?? '-'}/${c.msPerS}` : `${p.page} -`; }).join('  '));
  }
}
const p = r.windowB.profile;
const f = (x: { pct: number; samples: number; wallMs: number; what: string }) =>
  `${x.pct.toFixed(1).padStart(5)}% ${String(x.samples).padStart(4)} ${String(x.wallMs).padStart(5)}ms  ${x.what.replace(/node_modules\/svelte\/src\/internal\/client\//, 'svelte/')}`;
console.log(`\n== profile (Ada): ${p.samples} samples over ${p.wallMs} ms (${p.samplesPerS}/s of the 1000/s asked), sampled wall ${p.sampledWallMs} ms`);
console.log(p.special.map(f).join('\n'));
console.log(`JS+native samples: ${p.jsSamples}\n-- top self`);
console.log(p.topSelf.slice(0, 30).map(f).join('\n'));
console.log('-- self by file');
console.log(p.selfByFile.slice(0, 20).map(f).join('\n'));
console.log('-- inclusive');
console.log(p.inclusive.slice(0, 30).map(f).join('\n'));
