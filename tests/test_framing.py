"""Frame classes per speaker and the frame detector's score."""

from __future__ import annotations

from analysis import annotations, framing, speakers


def test_class_table_adds_up(real_memo):
    frames = annotations.load_frames(real_memo)
    table = framing.class_by_speaker(frames, ["Brement", "Bessmertnykh"])
    for sp in ("Brement", "Bessmertnykh"):
        own = table[table.speaker == sp]
        assert own["frames"].sum() == sum(f.speaker == sp for f in frames)
        assert abs(own["share"].sum() - 1) < 1e-9


def test_manner_adjuncts_belong_to_their_frames(real_memo):
    manner = framing.manner_adjuncts(annotations.load_frames(real_memo))
    assert set(manner["manner"]) == {"with an icy smile", "smiling faintly", "readily"}


def test_detection_score_is_bounded_and_names_misses(real_memo):
    det = framing.detection_score(
        annotations.load_frames(real_memo), speakers.detect_frames(real_memo)
    )
    assert 0 < det["precision"] <= 1 and 0 < det["recall"] <= 1
    assert det["matched"] + len(det["missed"]) == det["gold"]
