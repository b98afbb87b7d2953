// A stand-in service for processes.test.ts: reports how it was started, then fails.
console.log(JSON.stringify({ execArgv: process.execArgv, nodeEnv: process.env.NODE_ENV, marker: process.env.FIXTURE_MARKER }));
process.exit(3);
