using AttendanceBlazor.Recognition.Pipeline;

namespace AttendanceBlazor.Recognition.FaceApi;

/// <summary>
/// Ports of face-api.js's plain-code SSD steps (src/ssdMobilenetv1/outputLayer.ts, nonMaxSuppression.ts and
/// SsdMobilenetv1.locateFaces), in the same arithmetic: tf ops in float32, the box bookkeeping in double.
/// </summary>
internal static class SsdPostProcessing
{
    /// <summary>Decodes box encodings against the prior boxes into [top, left, bottom, right] in [0, 1] of the 512 input.</summary>
    public static float[] DecodeBoxes(float[] encodings, float[] priors, int count)
    {
        var boxes = new float[count * 4];
        for (var i = 0; i < count; i++)
        {
            var p = i * 4;
            float sizeY = priors[p + 2] - priors[p];
            float sizeX = priors[p + 3] - priors[p + 1];
            float centerY = priors[p] + sizeY / 2f;
            float centerX = priors[p + 1] + sizeX / 2f;
            float div0 = MathF.Exp(encodings[p + 2] / 5f) * sizeY / 2f;
            float add0 = encodings[p] / 10f * sizeY + centerY;
            float div1 = MathF.Exp(encodings[p + 3] / 5f) * sizeX / 2f;
            float add1 = encodings[p + 1] / 10f * sizeX + centerX;
            boxes[p] = add0 - div0;
            boxes[p + 1] = add1 - div1;
            boxes[p + 2] = add0 + div0;
            boxes[p + 3] = add1 + div1;
        }
        return boxes;
    }

    /// <summary>sigmoid of the face class logit (class 1 of 3).</summary>
    public static float[] Scores(float[] logits, int count)
    {
        var scores = new float[count];
        for (var i = 0; i < count; i++) scores[i] = 1f / (1f + MathF.Exp(-logits[i * 3 + 1]));
        return scores;
    }

    /// <summary>face-api.js's greedy NMS: candidates above the score threshold, best first; a box overlapping a kept one by more than the IoU threshold is dropped.</summary>
    public static List<int> NonMaxSuppression(float[] boxes, float[] scores, int maxOutput, double iouThreshold, double scoreThreshold)
    {
        var candidates = Enumerable.Range(0, scores.Length)
            .Where(i => scores[i] > scoreThreshold)
            .OrderByDescending(i => scores[i])
            .ToList();
        var outputSize = Math.Min(maxOutput, scores.Length);
        var selected = new List<int>();
        foreach (var c in candidates)
        {
            if (selected.Count >= outputSize) break;
            double score = scores[c];
            var original = score;
            for (var j = selected.Count - 1; j >= 0; j--)
            {
                var iou = Iou(boxes, c, selected[j]);
                if (iou == 0.0) continue;
                score *= iou <= iouThreshold ? 1 : 0;
                if (score <= scoreThreshold) break;
            }
            if (original == score) selected.Add(c);
        }
        return selected;
    }

    private static double Iou(float[] b, int i, int j)
    {
        double yminI = Math.Min(b[i * 4], b[i * 4 + 2]), xminI = Math.Min(b[i * 4 + 1], b[i * 4 + 3]);
        double ymaxI = Math.Max(b[i * 4], b[i * 4 + 2]), xmaxI = Math.Max(b[i * 4 + 1], b[i * 4 + 3]);
        double yminJ = Math.Min(b[j * 4], b[j * 4 + 2]), xminJ = Math.Min(b[j * 4 + 1], b[j * 4 + 3]);
        double ymaxJ = Math.Max(b[j * 4], b[j * 4 + 2]), xmaxJ = Math.Max(b[j * 4 + 1], b[j * 4 + 3]);
        var areaI = (ymaxI - yminI) * (xmaxI - xminI);
        var areaJ = (ymaxJ - yminJ) * (xmaxJ - xminJ);
        if (areaI <= 0 || areaJ <= 0) return 0.0;
        var inter = Math.Max(Math.Min(ymaxI, ymaxJ) - Math.Max(yminI, yminJ), 0.0)
                  * Math.Max(Math.Min(xmaxI, xmaxJ) - Math.Max(xminI, xminJ), 0.0);
        return inter / (areaI + areaJ - inter);
    }

    /// <summary>
    /// locateFaces: undoes the bottom/right padding (the input was padded to a square before the resize) and scales
    /// the relative box to the image, exactly as FaceDetection does.
    /// </summary>
    public static FaceBox ToImageBox(float[] boxes, int index, float score, int imageWidth, int imageHeight, int inputSize)
    {
        var scale = (double)inputSize / Math.Max(imageHeight, imageWidth);
        var reshapedWidth = Math.Round(imageWidth * scale, MidpointRounding.AwayFromZero);
        var reshapedHeight = Math.Round(imageHeight * scale, MidpointRounding.AwayFromZero);
        var padX = inputSize / reshapedWidth;
        var padY = inputSize / reshapedHeight;
        var top = Math.Max(0, (double)boxes[index * 4]) * padY;
        var bottom = Math.Min(1.0, boxes[index * 4 + 2]) * padY;
        var left = Math.Max(0, (double)boxes[index * 4 + 1]) * padX;
        var right = Math.Min(1.0, boxes[index * 4 + 3]) * padX;
        return new FaceBox(left * imageWidth, top * imageHeight, (right - left) * imageWidth, (bottom - top) * imageHeight, score);
    }
}
