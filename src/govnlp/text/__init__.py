"""Text: normalisation, segmentation into blocks and sentences, and the jieba tokenizer."""
