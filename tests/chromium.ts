/**
 * Debian's Chromium for the browser test. When /usr/bin/chromium is missing and
 * we run as root with apt-get, install the `chromium` package (what a fresh
 * machine lacks); otherwise return a one-line reason to ignore that one test.
 */

/** Where Debian's chromium package puts the browser. */
export const CHROMIUM = "/usr/bin/chromium";

function present(): boolean {
  try {
    return Deno.statSync(CHROMIUM).isFile;
  } catch {
    return false;
  }
}

function onPath(cmd: string): boolean {
  return (Deno.env.get("PATH") ?? "").split(":").some((dir) => {
    try {
      return Deno.statSync(`${dir}/${cmd}`).isFile;
    } catch {
      return false;
    }
  });
}

async function apt(args: string[]): Promise<boolean> {
  const out = await new Deno.Command("apt-get", {
    args,
    env: { DEBIAN_FRONTEND: "noninteractive" },
    stdout: "null",
    stderr: "piped",
  }).output();
  if (out.code !== 0) console.warn(new TextDecoder().decode(out.stderr).trim().split("\n").at(-1));
  return out.code === 0;
}

/**
 * Make sure Chromium is installed. Returns null when it is, or the reason it
 * is not (the caller ignores its test and prints the reason).
 */
export async function ensureChromium(): Promise<string | null> {
  if (present()) return null;
  if (Deno.build.os !== "linux" || !onPath("apt-get")) {
    return `${CHROMIUM} not found and apt-get is not available to install Debian's chromium`;
  }
  if (Deno.uid() !== 0) {
    return `${CHROMIUM} not found; not root, so cannot run apt-get install -y chromium`;
  }
  console.warn(`browser test: ${CHROMIUM} not found; installing Debian's chromium with apt-get`);
  if (!(await apt(["update", "-qq"])) || !(await apt(["install", "-y", "-qq", "chromium"]))) {
    return `${CHROMIUM} not found and apt-get install -y chromium failed`;
  }
  return present() ? null : `${CHROMIUM} still missing after apt-get install -y chromium`;
}
