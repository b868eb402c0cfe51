// The incident record (incident.js) as Markdown: a readable timeline for a
// postmortem or a ticket. Every value came from the record, which holds no
// secret; values that came from a server are escaped so they cannot break
// the table or inject Markdown.

/** One table cell or inline value: no pipes, line breaks, backticks or HTML. */
function cell(value) {
  return String(value ?? '')
    .replace(/[\r\n]+/g, ' ')
    .replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);
}

const code = (value) => `\`${String(value ?? '').replace(/`/g, '')}\``;

function header(record) {
  const lines = [`# Leaked key ${code(record.keyId)}: incident record`, ''];
  const t = record.triage;
  lines.push(`- **Key**: ${code(record.keyId)}, ${cell(t.kindName)}; ${cell(t.generationReason)}${t.encodedAccount ? `: ${cell(t.encodedAccount)}` : ''}`);
  lines.push(`- **Started**: ${cell(record.startedAt)} (UTC)`);
  lines.push(`- **Status**: ${record.status === 'done' ? 'done' : record.status === 'stopped' ? `stopped: ${cell(record.stopped?.message)}` : 'in progress'}`);
  if (record.signers.length) lines.push(`- **Signed by**: ${record.signers.map(code).join(', ')}`);
  lines.push(`- **Key's account** (STS GetAccessKeyInfo): ${record.keyAccount ? code(record.keyAccount) : 'unknown'}`);
  if (record.ownership) lines.push(`- **Whose key**: ${cell(record.ownership.message)}`);
  const owner = record.owner;
  if (owner) {
    const last = owner.lastUsed;
    lines.push(`- **Owner**: ${owner.userName ? code(owner.userName) : 'unknown'}; key status: ${cell(owner.status ?? 'not listed')}; last used: ${last?.date ? `${cell(last.date)} (${cell(last.serviceName)}, ${cell(last.region)})` : 'never'}`);
    if (owner.otherKeys.length) lines.push(`- **Owner's other keys**: ${owner.otherKeys.map((k) => `${code(k.accessKeyId)} ${cell(k.status)}`).join(', ')}`);
  }
  for (const q of record.quarantine) lines.push(`- **Quarantine**: ${code(q.name)}. ${cell(q.explanation)}`);
  return lines;
}

function timeline(record) {
  const lines = ['', '## Timeline (UTC)', '', '| Time | Step | Call | Outcome | Request id | Signed by | Detail |', '| --- | --- | --- | --- | --- | --- | --- |'];
  for (const s of record.steps) {
    const detail = [s.detail, s.error ? `${s.error.code}: ${s.error.message}` : ''].filter(Boolean).join(' ');
    lines.push(`| ${cell(s.time)} | ${cell(s.step)} | ${cell(s.action)} | ${cell(s.outcome)} | ${cell(s.requestId)} | ${cell(s.signerArn)} | ${cell(detail)} |`);
  }
  return lines;
}

function policy(record) {
  const p = record.policy;
  if (!p) return [];
  const lines = ['', '## Sessions cut', ''];
  lines.push(`- **Size check**: ${cell(p.size?.message)}`);
  if (p.document) {
    lines.push(`- **Inline policy** ${code(p.name)} on ${code(record.owner?.userName)}, cut-off ${cell(p.cutoff)}:`, '', '```json', p.document.replace(/`/g, ''), '```');
    lines.push('', `- **Read back**: ${p.readBack === 'matches' ? 'IAM holds the policy put' : Array.isArray(p.readBack) ? cell(p.readBack.join('; ')) : 'not read back'}`);
  } else {
    lines.push('- Not put.');
  }
  return lines;
}

export function renderMarkdown(record) {
  const lines = [...header(record), ...timeline(record), ...policy(record)];
  lines.push('', '## Not covered', '', cell(record.notCovered));
  lines.push('', '## Next steps', '');
  record.nextSteps.forEach((step, i) => lines.push(`${i + 1}. ${cell(step)}`));
  return `${lines.join('\n')}\n`;
}
