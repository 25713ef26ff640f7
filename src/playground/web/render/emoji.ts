/** `:name:` → emoji for the names the bot uses and a few common ones; unknown names stay as typed, like a missing custom emoji. */

const EMOJI: Record<string, string> = {
  rotating_light: '🚨', white_check_mark: '✅', heavy_check_mark: '✔️', ballot_box_with_check: '☑️', warning: '⚠️', fire: '🔥', eyes: '👀',
  pushpin: '📌', round_pushpin: '📍', x: '❌', pager: '📟', memo: '📝', large_green_circle: '🟢', large_yellow_circle: '🟡',
  large_orange_circle: '🟠', red_circle: '🔴', large_blue_circle: '🔵', white_circle: '⚪', zzz: '💤', no_entry: '⛔', no_entry_sign: '🚫',
  grey_question: '❔', question: '❓', grey_exclamation: '❕', exclamation: '❗', alarm_clock: '⏰', mega: '📣', loudspeaker: '📢',
  information_source: 'ℹ️', hourglass: '⌛', hourglass_flowing_sand: '⏳', busts_in_silhouette: '👥', bust_in_silhouette: '👤',
  arrows_counterclockwise: '🔄', arrow_double_up: '⏫', arrow_down: '⬇️', arrow_up: '⬆️', arrow_right: '➡️', speech_balloon: '💬',
  snooze: '😴', small_blue_diamond: '🔹', small_orange_diamond: '🔸', robot_face: '🤖', calendar: '📅', date: '📅',
  chart_with_upwards_trend: '📈', chart_with_downwards_trend: '📉', bar_chart: '📊', tada: '🎉', rocket: '🚀', bulb: '💡', wrench: '🔧',
  hammer_and_wrench: '🛠️', lock: '🔒', unlock: '🔓', key: '🔑', bell: '🔔', no_bell: '🔕', link: '🔗', mag: '🔍', clipboard: '📋',
  thumbsup: '👍', '+1': '👍', thumbsdown: '👎', '-1': '👎', ok_hand: '👌', wave: '👋', pray: '🙏', raised_hands: '🙌', clap: '👏',
  heart: '❤️', smile: '😄', slightly_smiling_face: '🙂', thinking_face: '🤔', sweat_smile: '😅', scream: '😱', skull: '💀',
  boom: '💥', zap: '⚡', sparkles: '✨', star: '⭐', checkered_flag: '🏁', construction: '🚧', stopwatch: '⏱️', timer_clock: '⏲️',
  green_heart: '💚', broken_heart: '💔', package: '📦', gear: '⚙️', computer: '💻', globe_with_meridians: '🌐', cloud: '☁️',
  fast_forward: '⏩', rewind: '⏪', arrow_forward: '▶️', double_vertical_bar: '⏸️', black_square_for_stop: '⏹️', repeat: '🔁',
  heavy_plus_sign: '➕', heavy_minus_sign: '➖', white_circle_check: '✅', ambulance: '🚑', sos: '🆘', new: '🆕', point_right: '👉',
};

/** The emoji for a short name (`fire`, skin-tone suffixes ignored), or null. */
export function emojiFor(name: string): string | null {
  return EMOJI[name.replace(/::skin-tone-\d$/, '')] ?? null;
}

/** Replaces known `:name:` codes in already-escaped text (emoji characters need no escaping). */
export function replaceEmoji(text: string): string {
  return text.replace(/:([a-z0-9_+-]+(?:::skin-tone-\d)?):/g, (whole, name: string) => emojiFor(name) ?? whole);
}
