// The browser tests' report: one line per check, "ok - <name>" or "not ok - <name>" with the error, and the count of
// failed checks the test exits with.
export const result = { failed: 0 };

export async function check(name, body) {
  try {
    await body();
    console.log(`ok - ${name}`);
  } catch (error) {
    result.failed++;
    console.log(`not ok - ${name}\n  ${String(error.stack || error).split('\n').join('\n  ')}`);
  }
}
