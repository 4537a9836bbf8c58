"""``skill-sim``: talk to the skill offline.

    skill-sim chat [--speak]                 an interactive conversation
    skill-sim ask --json UTTERANCE... | -    one-shot sessions, one JSON object a line
    skill-sim replay FILE...                 scripted conversations that pass or fail
    skill-sim explain UTTERANCE...           how it resolves, and why the safety decision is what it is
    skill-sim measure [--screen S] FILE...   a corpus through the skill: full responses, 911 first
    skill-sim --literal ...                  resolve as a plain sample matcher (no near matches)
    skill-sim --screen [--viewport V] ...    a device with a screen (APL): prints what each reply shows;
                                             in chat, "/touch answer yes" or "/touch topic ID" touches it
    skill-sim say UTTERANCE -o out.wav       the skill's spoken answer as a WAV (tools/voice)
    skill-sim talk [q1.wav ...]              a spoken conversation: microphone, or WAV files

``ask --json`` prints, for each utterance, one JSON object with these keys (other tools rely on them):

    utterance   what was typed
    request     "LaunchRequest" or "IntentRequest"
    intent      the resolved intent name (null for a launch)
    slots       {slot name: {"value": what was said, "id": resolved id or null,
                             "name": canonical value or null, "status": "ER_SUCCESS_MATCH" |
                             "ER_SUCCESS_NO_MATCH" | null (built-in slot types)}}, filled slots only
    match       {"how": exact|builtin|capture|near|fallback, "score": 0..1, "sample": the sample matched}
    speech      what Alexa says, as plain text
    ssml        the SSML the skill returned
    reprompt    the reprompt as plain text, or null
    end_session true when the skill closed the session
    card        the card as the skill returned it ({"type", "title", "content"}), or null
    screen      with --screen: {"document": the RenderDocument token ("itb-answer", "itb-menu",
                "itb-emergency", "itb-captions"), "datasource": what the document displays}; else null
    error       only on a line that could not be run (bad utterance): the message; other keys empty

Exit status: 0 when everything ran (and every script passed), 1 when a script failed or an
utterance was rejected, 2 for bad usage (no model, unknown locale, unreadable script).
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
from collections.abc import Iterable

from skill_sim import envelope, resolver
from skill_sim.simulator import Simulator, SimulatorError, Turn, quiet_request_log

QUIT_WORDS = {"quit", "exit", "bye", "goodbye"}


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="skill-sim", description="Talk to the baclofen pump skill offline.")
    parser.add_argument("--repo", help="the skill repository (default: found from here)")
    parser.add_argument("--locale", default=envelope.DEFAULT_LOCALE, help="model and request locale (en-US)")
    parser.add_argument("--model", help="an interaction model JSON file to use instead of the locale's")
    parser.add_argument("--log", action="store_true", help="show the function's per-request log lines")
    parser.add_argument(
        "--literal",
        action="store_true",
        help="resolve as a plain sample matcher: exact samples, listed values, SearchQuery text; no near",
    )
    parser.add_argument(
        "--screen",
        dest="device_screen",
        action="store_true",
        help="a device with a screen (APL): each reply's screen is printed; without it, voice-only",
    )
    parser.add_argument(
        "--viewport",
        choices=sorted(envelope.SCREENS),
        default=envelope.DEFAULT_SCREEN,
        help=f"with --screen, which screen (default {envelope.DEFAULT_SCREEN})",
    )
    commands = parser.add_subparsers(dest="command", required=True)
    chat = commands.add_parser("chat", help="an interactive conversation")
    chat.add_argument("--speak", action="store_true", help="read replies aloud with espeak-ng")
    ask = commands.add_parser("ask", help="one-shot sessions: one JSON object a line")
    ask.add_argument("utterances", nargs="+", metavar="UTTERANCE", help="what the user says; - reads stdin")
    ask.add_argument("--json", action="store_true", help="JSON lines (the default; kept for clarity)")
    replay = commands.add_parser("replay", help="run scripted conversations (YAML)")
    replay.add_argument("files", nargs="+", metavar="FILE")
    explain = commands.add_parser("explain", help="why an utterance is (or is not) taken for an emergency")
    explain.add_argument("utterances", nargs="+", metavar="UTTERANCE")
    measure = commands.add_parser("measure", help="run corpus files through the skill and count")
    measure.add_argument("files", nargs="+", metavar="FILE")
    measure.add_argument("--screen", choices=("both", "rules", "model"), default="both")
    measure.add_argument("--misses", action="store_true", help="list every line that missed")
    measure.add_argument(
        "--nlu",
        choices=("sim", "virtual-alexa"),
        default="sim",
        help="who resolves the utterances: the simulator, or Bespoken's virtual-alexa (make outside-nlu)",
    )
    measure.add_argument("--check", action="store_true", help="exit 1 unless every emergency hears 911 first")
    from voice.cli import add_commands  # voice: say, talk (tools/voice)

    voice_commands = add_commands(commands)
    for sub in (chat, ask, replay, explain, measure, *voice_commands):  # options also after the command
        sub.add_argument("--repo", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--locale", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--model", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument("--literal", action="store_true", default=argparse.SUPPRESS, help=argparse.SUPPRESS)
        sub.add_argument(
            "--viewport", choices=sorted(envelope.SCREENS), default=argparse.SUPPRESS, help=argparse.SUPPRESS
        )
        if sub is not measure:  # measure's own --screen picks the safety screen to measure
            sub.add_argument(
                "--screen",
                dest="device_screen",
                action="store_true",
                default=argparse.SUPPRESS,
                help=argparse.SUPPRESS,
            )
    return parser


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    with quiet_request_log(not args.log):
        return _main(args)


def _main(args: argparse.Namespace) -> int:
    try:
        if args.command == "replay":
            return _replay(args)
        if hasattr(args, "run_voice"):  # say, talk (tools/voice)
            return args.run_voice(args)
        if args.command == "measure":
            return _measure(args)
        sim = Simulator(
            args.repo,
            locale=args.locale,
            model=args.model,
            literal=args.literal,
            screen=args.viewport if args.device_screen else None,
            remember=args.command == "chat",  # a conversation remembers you across runs, like a device
        )
        if args.command == "explain":
            return _explain(sim, args.utterances)
        if args.command == "ask":
            return _ask(sim, args.utterances)
        return _chat(sim, args.speak)
    except (SimulatorError, resolver.BadInput) as error:
        print(f"skill-sim: {error}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        return 130


# ---------------------------------------------------------------- ask


def _lines(utterances: list[str]) -> Iterable[str]:
    for utterance in utterances:
        if utterance == "-":
            for line in sys.stdin:
                yield line.rstrip("\r\n")
        else:
            yield utterance


def _ask(sim: Simulator, utterances: list[str]) -> int:
    status = 0
    for utterance in _lines(utterances):
        try:
            line = sim.ask(utterance).to_json()
        except resolver.BadInput as error:
            print(f"skill-sim: {error}", file=sys.stderr)
            line = Turn(utterance, None, None, None).to_json() | {"end_session": None, "error": str(error)}
            status = 1
        print(json.dumps(line, ensure_ascii=True), flush=True)
    return status


# ---------------------------------------------------------------- explain, measure


def _explain(sim: Simulator, utterances: list[str]) -> int:
    from itb_skill import safety

    for utterance in _lines(utterances):
        rest = resolver.split_invocation(resolver.clean_utterance(utterance), sim.model.invocation_name).rest
        resolution = sim.model.resolve(rest, sim.literal)
        filled = resolution.filled()
        slots = [
            safety.SlotText(name, slot.value, bool(slot.id) if slot.custom else None)
            for name, slot in filled.items()
        ]
        decided = safety.assess_request(resolution.intent, slots, explain=True)
        print(f"{utterance}")
        print(f"  intent: {resolution.intent} ({resolution.how} {resolution.score:.2f}: {resolution.sample})")
        for name, slot in resolution.filled().items():
            print(f"  slot {name}: {slot.value!r}" + (f" -> {slot.id}" if slot.id else ""))
        kind = f", {decided.kind}" if decided.kind else ""
        print(f"  decision: {decided.tier.name.lower()}{kind}")
        for reason in decided.reasons:
            print(f"    {reason}")
        if not decided.reasons:
            print("    nothing matched: no rule, and no text for the learned screen")
    return 0


def _measure(args: argparse.Namespace) -> int:
    from pathlib import Path

    from skill_sim.measure import OutsideNluMissing, measure

    mode = args.nlu if args.nlu != "sim" else "literal" if args.literal else "near"
    try:
        tallies = measure([Path(f) for f in args.files], args.literal, args.screen, args.repo, args.nlu)
    except OutsideNluMissing as error:
        print(f"skill-sim: {error}", file=sys.stderr)
        return 2
    status = 0
    for tally in tallies:
        print(f"[{mode}, {args.screen}] {tally.summary()}")
        if args.misses:
            for miss in tally.missed:
                print(f"    {miss}")
        if args.check and tally.emergency and tally.first < tally.lines:
            status = 1
    return status


# ---------------------------------------------------------------- replay


def _replay(args) -> int:
    from skill_sim.replay import ScriptError, run_script  # PyYAML is needed only here

    status = 0
    passed = failed = 0
    for path in args.files:
        try:
            result = run_script(path, args.repo)
        except (ScriptError, SimulatorError) as error:
            print(f"ERROR {error}")
            status = 2
            continue
        print(result.report())
        if result.passed:
            passed += 1
        else:
            failed += 1
            status = max(status, 1)
    print(f"{passed} passed, {failed} failed" + (", some scripts could not run" if status == 2 else ""))
    return status


# ---------------------------------------------------------------- chat


class Voice:
    """espeak-ng, when installed."""

    def __init__(self, enabled: bool):
        self.program = shutil.which("espeak-ng") if enabled else None
        if enabled and not self.program:
            print("(--speak: espeak-ng is not installed, so replies are shown but not spoken;")
            print(" install it with: sudo apt-get install espeak-ng)")

    def say(self, text: str | None) -> None:
        if self.program and text:
            from voice.cli import speak_aloud  # SSML normalized for espeak-ng, via sox (tools/voice)

            if speak_aloud(text):
                return
            subprocess.run([self.program, "-s", "150", text], check=False, capture_output=True)


def show(turn: Turn, out=print) -> None:
    heard = turn.heard
    if turn.resolution is not None:
        slots = ", ".join(
            f"{name}={slot.value!r}" + (f"->{slot.id}" if slot.id else " (no match)" if slot.status else "")
            for name, slot in turn.resolution.filled().items()
        )
        how = f"{turn.resolution.how} {turn.resolution.score:.2f}"
        out(f"  [{turn.intent}{' ' + slots if slots else ''}; {how}]")
    elif turn.request:
        out(f"  [{turn.request}]")
    if heard is None:
        return
    if heard.speech:
        out(f"Alexa: {heard.speech}")
    if heard.reprompt:
        out(f"  (reprompt: {heard.reprompt})")
    if heard.card:
        text = heard.card.get("content") or heard.card.get("text") or ""
        out(f"  [card] {heard.card.get('title', '')}: {text}")
    if heard.screen:
        out(f"  [screen {heard.screen.get('token')}] {json.dumps(heard.shown, ensure_ascii=False)}")
    if turn.request != "SessionEndedRequest" and heard.end_session is not False:
        out("  (the skill ended the session; say 'open baclofen pump guide' to start again)")


def _chat(sim: Simulator, speak: bool) -> int:
    voice = Voice(speak)
    name = sim.model.invocation_name
    print(f"Talking to '{name}' offline ({sim.locale}). Press Enter or type 'open {name}' to start;")
    print(f"'ask {name} to ...' for a one-shot question; 'quit' (or Ctrl-D) ends the session.")
    silences = 0
    last_reprompt: str | None = None
    while True:
        try:
            text = input("you> ")
        except EOFError:
            print()
            text = None
        if text is None or text.strip().lower() in QUIT_WORDS:
            if sim.open:
                show(sim.end("USER_INITIATED", utterance=text or ""))
            return 0
        if not text.strip():
            if not sim.open:
                turn = sim.launch()
            elif silences == 0:  # Alexa speaks the reprompt once, then gives up
                silences = 1
                print("  (silence: Alexa says the reprompt)")
                if last_reprompt:
                    print(f"Alexa: {last_reprompt}")
                    voice.say(last_reprompt)
                continue
            else:
                turn = sim.end("EXCEEDED_MAX_REPROMPTS")
                print("  (silence again: Alexa closes the session)")
        elif text.strip().startswith("/touch"):
            turn = sim.touch(*text.split()[1:])
        else:
            try:
                turn = sim.say(text)
            except resolver.BadInput as error:
                print(f"  ({error})")
                continue
        silences = 0
        show(turn)
        if turn.heard is not None:
            last_reprompt = turn.heard.reprompt
            voice.say(turn.heard.speech)


if __name__ == "__main__":
    sys.exit(main())
