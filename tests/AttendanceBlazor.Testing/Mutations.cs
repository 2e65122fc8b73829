namespace AttendanceBlazor.Testing;

/// <summary>Byte-level mutations of an image file (flips, truncation, insertion, duplication, zeroing), for the bounded fuzz loops.</summary>
public static class Mutations
{
    public static byte[] Mutate(byte[] seed, Random random)
    {
        var data = seed.ToList();
        var count = random.Next(1, 6);
        for (var m = 0; m < count && data.Count > 0; m++)
        {
            var at = random.Next(data.Count);
            switch (random.Next(5))
            {
                case 0: data[at] ^= (byte)(1 << random.Next(8)); break;
                case 1: data.RemoveRange(at, data.Count - at); break;
                case 2: data.InsertRange(at, Enumerable.Range(0, random.Next(1, 64)).Select(_ => (byte)random.Next(256))); break;
                case 3: data.InsertRange(at, data.Skip(random.Next(data.Count)).Take(random.Next(1, 512)).ToArray()); break;
                default: for (var k = at; k < Math.Min(data.Count, at + random.Next(1, 128)); k++) data[k] = 0; break;
            }
        }
        return data.ToArray();
    }
}
