"""MiniLM's token vectors (the last hidden state, before pooling) and late-interaction scores.

For benchmarks/fit_variants.py's `late` group: each query token's best cosine against a
place's tokens, averaged over the query's content tokens (MaxSim, as ColBERT scores), and the
two-way form (BERTScore's F1: the place's tokens matched back against the query's too).
Content tokens: no [CLS], [SEP], punctuation or stop word (`backmap.text.STOPWORDS`); a word
piece that continues a word counts with it.
"""

from __future__ import annotations

from typing import Any

from backmap.fit.minilm import MiniLMEncoder, batches
from backmap.text import STOPWORDS


class TokenVectors:
    """Unit token vectors of texts, content tokens only, memoised per text."""

    def __init__(self, encoder: MiniLMEncoder, centre: bool = False) -> None:
        self.encoder = encoder
        self.memo: dict[str, Any] = {}
        self.centre: Any = None
        if centre:
            # Token states share a large common direction (anisotropy): every cosine is high.
            # Removed as the mean token of 30 everyday ideas, none from an evaluation set.
            import numpy as np

            from backmap.fit.abstain import PROBES

            raw = TokenVectors(encoder)
            self.centre = np.concatenate(raw.of(list(PROBES)), axis=0).mean(axis=0)

    def of(self, texts: list[str]) -> list[Any]:
        """Each text's content-token vectors (tokens x 384, unit rows, float32)."""
        import numpy as np

        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            session, tokenizer = self.encoder._load()
            encodings = tokenizer.encode_batch(todo)
            lengths = [len(e.ids) for e in encodings]
            for picks in batches(lengths):
                width = max(lengths[i] for i in picks)
                ids = np.zeros((len(picks), width), dtype=np.int64)
                mask = np.zeros_like(ids)
                for row, i in enumerate(picks):
                    ids[row, : lengths[i]] = encodings[i].ids
                    mask[row, : lengths[i]] = 1
                feed = {"input_ids": ids, "attention_mask": mask}
                if "token_type_ids" in self.encoder._inputs:
                    feed["token_type_ids"] = np.zeros_like(ids)
                states = session.run(None, feed)[0]
                for row, i in enumerate(picks):
                    keep = content_positions(encodings[i].tokens)
                    vectors = states[row, : lengths[i]][keep]
                    if not len(vectors):  # a text of stop words only: all its word tokens
                        vectors = states[row, 1 : lengths[i] - 1]
                    if self.centre is not None:
                        vectors = vectors - self.centre
                    vectors = vectors / np.linalg.norm(vectors, axis=1, keepdims=True)
                    self.memo[todo[i]] = vectors.astype(np.float32)
        return [self.memo[t] for t in texts]


def content_positions(tokens: list[str]) -> list[int]:
    """Positions of the content tokens: whole words not stop words, and their word pieces."""
    keep, word_kept = [], False
    for n, token in enumerate(tokens):
        if token.startswith("##"):
            if word_kept:
                keep.append(n)
            continue
        word_kept = token.isalnum() and token not in STOPWORDS and token not in ("[CLS]", "[SEP]")
        if word_kept:
            keep.append(n)
    return keep


class Places:
    """Every place's token vectors stacked, to score a query against all of them at once."""

    def __init__(self, per_place: list[Any]) -> None:
        import numpy as np

        self.count = len(per_place)
        self.sizes = np.asarray([len(v) for v in per_place])
        self.starts = np.concatenate([[0], np.cumsum(self.sizes)[:-1]]).astype(np.int64)
        self.matrix = np.concatenate(per_place).astype(np.float32)

    def scores(self, query: Any) -> tuple[Any, Any]:
        """(MaxSim recall: the query's tokens' mean best cosine per place, and the two-way
        F1 with the place's tokens' mean best cosine against the query)."""
        import numpy as np

        sim = query @ self.matrix.T  # query tokens x all place tokens
        best_q = np.maximum.reduceat(sim, self.starts, axis=1)  # query tokens x places
        recall = best_q.mean(axis=0)
        best_p = sim.max(axis=0)  # each place token's best query token
        precision = np.add.reduceat(best_p, self.starts) / self.sizes
        f1 = 2 * recall * precision / np.maximum(recall + precision, 1e-9)
        return recall, f1


class PooledEncoder:
    """MiniLM with another pooling of its token states (an `Encoder` for fit_options.py):
    `content` pools the content tokens only (no [CLS], [SEP], punctuation or stop word), as the
    late interaction above reads them; `title` weighs the tokens of the title (the text before
    the first ". ", where an item's description starts) this many times the rest."""

    def __init__(self, encoder: MiniLMEncoder, content: bool, title: float = 1.0) -> None:
        self.encoder = encoder
        self.content, self.title = content, title
        self.name = (
            f"{encoder.name}, pooled: {'content' if content else 'all'} tokens, title x{title}"
        )
        self.memo: dict[str, Any] = {}

    def encode(self, texts: Any, notice: Any = None) -> Any:
        import numpy as np

        texts = list(texts)
        todo = [t for t in dict.fromkeys(texts) if t not in self.memo]
        if todo:
            session, tokenizer = self.encoder._load()
            encodings = tokenizer.encode_batch(todo)
            lengths = [len(e.ids) for e in encodings]
            for picks in batches(lengths):
                width = max(lengths[i] for i in picks)
                ids = np.zeros((len(picks), width), dtype=np.int64)
                mask = np.zeros_like(ids)
                for row, i in enumerate(picks):
                    ids[row, : lengths[i]] = encodings[i].ids
                    mask[row, : lengths[i]] = 1
                feed = {"input_ids": ids, "attention_mask": mask}
                if "token_type_ids" in self.encoder._inputs:
                    feed["token_type_ids"] = np.zeros_like(ids)
                states = session.run(None, feed)[0]
                for row, i in enumerate(picks):
                    weight = np.zeros(lengths[i], dtype=np.float32)
                    keep = content_positions(encodings[i].tokens) if self.content else []
                    weight[keep if keep else slice(None)] = 1.0
                    end = todo[i].find(". ")
                    if self.title != 1.0 and end > 0:
                        starts = np.asarray([s for s, _ in encodings[i].offsets])
                        title = (starts < end) & (np.arange(lengths[i]) > 0)
                        weight[title] *= self.title
                    vector = (states[row, : lengths[i]] * weight[:, None]).sum(axis=0)
                    self.memo[todo[i]] = vector / max(float(np.linalg.norm(vector)), 1e-9)
        return np.stack([self.memo[t] for t in texts]).astype(np.float32)
