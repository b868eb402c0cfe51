// @aws-sdk/client-iam: IAMClient.send(new UpdateAccessKeyCommand(params)),
// the whole SDK pipeline (serialize, middleware, endpoint rules, retry
// headers, sign). A middleware at the top of the deserialize step (after
// signing) keeps the signed request and returns instead of sending it.
// The signing date is set through the client's systemClockOffset, which is
// how the SDK itself corrects its clock.
import { IAMClient, UpdateAccessKeyCommand } from '@aws-sdk/client-iam';
import { credentials, params, region, signatureOf } from '../job.mjs';

export const name = 'client-iam';
export const sync = false;

export async function create() {
  // A copy: the SDK writes into the credentials object it is given.
  const client = new IAMClient({ region, credentials: { ...credentials } });
  let captured = null;
  client.middlewareStack.add(
    () => async (args) => {
      captured = args.request;
      return { output: { $metadata: {} }, response: {} };
    },
    { step: 'deserialize', priority: 'high', name: 'keyflipBenchCapture' },
  );
  const full = async (ms) => {
    client.config.systemClockOffset = ms - Date.now();
    await client.send(new UpdateAccessKeyCommand(params));
    return captured;
  };
  return { sign: async (ms) => signatureOf((await full(ms)).headers.authorization), full, client };
}
