/** Text as Slack sends it (slash commands with should_escape, message events) back to what the person typed. */

/** Undoes Slack's escaping: mentions become `<@U…>`, links their URL, `&lt;` `<` and so on. */
export function decodeSlackText(text: string): string {
  return text
    .replace(/<([^<>]*)>/g, (whole, inner: string) => {
      const [target = '', label] = inner.split('|', 2);
      if (/^@[UW][A-Z0-9]+$/.test(target)) return `<${target}>`;
      if (/^#[CG][A-Z0-9]+$/.test(target)) return `<${target}>`;
      if (target.startsWith('!subteam^')) return label ?? '@group';
      if (target.startsWith('!date^')) return label ?? '';
      if (target.startsWith('!')) return `@${target.slice(1)}`;
      if (target.startsWith('mailto:')) return label ?? target.slice('mailto:'.length);
      return /^[a-z][a-z0-9+.-]*:/i.test(target) ? target : whole;
    })
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}
