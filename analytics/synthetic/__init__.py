"""The synthetic ICS generator: ``generate(people, years, seed, out_dir)`` writes every
dataset of the data contract for a fictional system, deterministic for a seed."""

from analytics.synthetic.generator import GenerationSummary, generate

__all__ = ["GenerationSummary", "generate"]
