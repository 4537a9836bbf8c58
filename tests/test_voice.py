"""The voice loop's pure parts: what espeak-ng is given to read, the sentences the recognizer's
language model is built from, and the pronunciations of the skill's own words. No audio tools: the
audio end to end runs in ``make voice-check``."""

from __future__ import annotations

import json
import re
import wave

from itb_skill import content
from itb_skill.speech import to_ssml
from voice import answers, check, corpus, lexicon, tts


def _spoken(ssml: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", ssml)).strip()


def test_911_is_read_digit_by_digit_not_as_nine_hundred_eleven():
    normalized = tts.normalize_ssml(to_ssml("Call 911 now."))
    assert "say-as" not in normalized
    assert _spoken(normalized) == "Call 9 1 1 now."


def test_crisis_line_and_bare_emergency_numbers_are_digits_too():
    assert "9 8 8" in tts.normalize_ssml(to_ssml("Call or text 988."))
    assert "9 1 1" in tts.normalize_ssml("<speak>dial 911</speak>")


def test_telephone_number_is_grouped_digits_without_dash():
    texts = content.load()
    normalized = tts.normalize_ssml(to_ssml("Call {appointments}.", texts.phones))
    spoken = _spoken(normalized)
    assert "8 0 0, 4 3 6, 7 9 3 6" in spoken
    assert "-" not in spoken and "dash" not in spoken


def test_no_period_is_left_right_after_a_closing_tag():
    for ssml in (
        '<speak>Call <say-as interpret-as="digits">911</say-as>.</speak>',
        '<speak><prosody rate="85%">Call now</prosody>. Then wait.</speak>',
        to_ssml("Call 911 now. Call {appointments}.", content.load().phones, pace="slow"),
    ):
        normalized = tts.normalize_ssml(ssml)
        assert not re.search(r"</[^>]+>\s*[.,;:!?]", normalized), normalized


def test_alexa_only_tags_are_removed_and_their_words_kept():
    ssml = '<speak><amazon:effect name="whispered">quietly</amazon:effect> <break time="300ms"/> ok</speak>'
    normalized = tts.normalize_ssml(ssml)
    assert "amazon:" not in normalized
    assert "quietly" in normalized and '<break time="300ms"/>' in normalized


MODEL = {
    "invocationName": "test guide",
    "intents": [
        {"name": "AMAZON.YesIntent", "samples": []},
        {
            "name": "EmergencyIntent",
            "slots": [{"name": "person", "type": "PersonType"}, {"name": "symptom", "type": "SymptomType"}],
            "samples": ["{person} is {symptom}", "call nine one one"],
        },
        {
            "name": "QuestionIntent",
            "slots": [{"name": "q", "type": "AMAZON.SearchQuery"}],
            "samples": ["tell me about {q}"],
        },
    ],
    "types": [
        {
            "name": "PersonType",
            "values": [{"id": "C", "name": {"value": "my son", "synonyms": ["my daughter"]}}],
        },
        {
            "name": "SymptomType",
            "values": [{"id": "S", "name": {"value": "seizing", "synonyms": ["Passed out!"]}}],
        },
    ],
}
CONTENT = {"topics": {"pump": {"keywords": ["pump size"], "offer": "how big the pump is"}}}


def test_language_model_sentences_expand_slots_with_values_and_synonyms():
    lines = corpus.sentences(MODEL, CONTENT)
    for expected in (
        "my son is seizing",
        "my son is passed out",
        "my daughter is seizing",
        "my daughter is passed out",
    ):
        assert expected in lines
    assert "call nine one one" in lines and "open test guide" in lines
    assert all("{" not in line and line == line.lower() for line in lines)


def test_search_query_is_filled_with_the_content_keywords_and_builtins_only_when_declared():
    lines = corpus.sentences(MODEL, CONTENT)
    assert "tell me about pump size" in lines and "tell me about how big the pump is" in lines
    assert "yes" in lines
    assert "start over" not in lines  # AMAZON.StartOverIntent is not declared in this model


def test_a_large_slot_product_is_capped_but_uses_every_value():
    values = {"A": [f"a{i}" for i in range(30)], "B": [f"b{i}" for i in range(30)]}
    lines = corpus.expand("{x} and {y}", {"x": "A", "y": "B"}, values)
    assert len(lines) <= corpus.MAX_PER_SAMPLE
    said = " ".join(lines).split()
    assert set(values["A"]) <= set(said) and set(values["B"]) <= set(said)


def test_the_real_model_gives_every_slot_value_to_the_language_model():
    model = corpus.load_model()
    lines = "\n".join(corpus.sentences(model, corpus.load_content()))
    used_types = {slot["type"] for intent in model["intents"] for slot in intent.get("slots", [])}
    for slot_type in model.get("types", []):
        if slot_type["name"] not in used_types:
            continue
        for value in slot_type["values"]:
            for phrase in [value["name"]["value"], *value["name"].get("synonyms", [])]:
                assert " ".join(corpus.words_of(phrase)) in lines, phrase


def test_model_hash_changes_when_the_model_changes(tmp_path):
    path = tmp_path / "model.json"
    path.write_text(json.dumps({"interactionModel": {"languageModel": MODEL}}))
    before = corpus.model_hash(path)
    MODEL_CHANGED = json.loads(json.dumps(MODEL))
    MODEL_CHANGED["intents"][1]["samples"].append("help now")
    path.write_text(json.dumps({"interactionModel": {"languageModel": MODEL_CHANGED}}))
    assert corpus.model_hash(path) != before


def test_skill_words_missing_from_the_stock_dictionary_have_pronunciations():
    for word in ("baclofen", "intrathecal", "mychart", "lioresal", "spasticity", "dystonia"):
        prons = lexicon.pronunciations(word, known={})
        assert prons and word in lexicon.EXTRA
        for phones in prons:
            assert set(phones.split()) <= lexicon.PHONES, (word, phones)


def test_unknown_words_get_a_rule_pronunciation_in_the_model_phone_set():
    known = {"my": ["M AY"], "chart": ["CH AA R T"], "pump": ["P AH M P"], "refuse": ["R IH F Y UW Z"]}
    assert lexicon.split_compound("mypump", known) == "M AY P AH M P"
    assert lexicon.pronunciations("refusing", known) == ["R IH F Y UW Z IH NG"]
    for word in ("zorblax", "thechart", "quick", "it's", "ologist"):
        for phones in lexicon.pronunciations(word, known):
            assert phones and set(phones.split()) <= lexicon.PHONES, (word, phones)


def test_cmudict_variants_are_read_as_one_word(tmp_path):
    path = tmp_path / "d.dict"
    path.write_text("read R EH D\nread(2) R IY D\n")
    assert lexicon.read_cmudict(path) == {"read": ["R EH D", "R IY D"]}


def test_wav_duration_is_read_from_the_header(tmp_path):
    path = tmp_path / "one.wav"
    with wave.open(str(path), "wb") as out:
        out.setnchannels(1)
        out.setsampwidth(2)
        out.setframerate(16000)
        out.writeframes(b"\0\0" * 24000)
    assert tts.wav_seconds(path) == 1.5
    assert len(tts.read_pcm16(path)) == 48000


def test_word_accuracy_counts_digits_as_spoken_words():
    assert check.reference_words("Call 911!") == ["call", "nine", "one", "one"]
    assert check.word_errors(["my", "son", "is", "seizing"], ["my", "son", "seizing"]) == 1
    assert check.word_errors(["a", "b"], ["a", "b"]) == 0


def test_an_open_microphone_answer_must_end_on_a_question():
    asks = answers.Answer("x", "", "Want to hear more?", "Would you like more? Say yes or no.", True)
    tells = answers.Answer("x", "", "Please ask again.", "Ask again.", True)
    closed = answers.Answer("x", "", "Goodbye.", None, False)
    assert answers.question_problem(asks) is None
    assert answers.question_problem(tells) == "speech does not end with a question"
    assert answers.question_problem(closed) is None
    no_reprompt = answers.Answer("x", "", "What else?", None, True)
    assert answers.question_problem(no_reprompt) == "no reprompt"


def test_every_answer_covers_every_topic_part_and_the_emergency_reply():
    found = {answer.label: answer for answer in answers.every_answer()}
    for topic_id, topic in content.load().topics.items():
        for part in range(len(topic.parts)):
            assert f"topic:{topic_id}#{part + 1}" in found
    assert found["intent:EmergencyIntent"].text.startswith("Call 911 now.")
    assert found["launch"].open_mic and not found["intent:AMAZON.StopIntent"].open_mic


def test_plain_text_replies_read_phone_numbers_and_911_the_same_way():
    spoken = _spoken(
        tts.normalize_ssml(tts.plain_to_ssml("Call 911 now. Or call (800) 436-7936 or 313-916-1896."))
    )
    assert spoken == "Call 9 1 1 now. Or call 8 0 0, 4 3 6, 7 9 3 6 or 3 1 3, 9 1 6, 1 8 9 6."


def test_a_rejected_hypothesis_reaches_the_skill_only_when_it_reports_danger():
    from voice import asr, loop

    assert loop.understood(asr.Recognition("how big is the pump", True, 3.0, 100)) == "how big is the pump"
    assert loop.understood(asr.Recognition("what is the him my", False, 17.0, 100)) is None
    assert loop.understood(asr.Recognition("he is seizing", False, 16.9, 100)) == "he is seizing"
    assert loop.understood(asr.Recognition("", False, float("inf"), 100)) is None
