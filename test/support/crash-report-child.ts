// A child for test/integration/log-privacy.test.ts: the crash-report path, with party data in the errors' messages.
import { createLogger, installCrashReports } from '../../electron/core/logging/logger';

const [dir, name, idNumber, phone] = process.argv.slice(2);
installCrashReports(createLogger(dir));
void Promise.reject(new Error(`当事人${name}（${idNumber}）的调解协议未能保存`));
setTimeout(() => {
  throw new TypeError(`${name}\n${idNumber} ${phone}`);
}, 50);
