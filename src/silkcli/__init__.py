"""silkcli: sourced facts about the Korea–Kyrgyzstan Comprehensive Partnership."""

__version__ = "0.1.0"
