namespace Workbook.Notebooks;

/// <summary>The helper class appended to an exported file-based app: <c>display(...)</c>, <c>.Display()</c> and the
/// printing of a cell's last value, formatted as the kernel's text/plain (tensors with their values, sequences as
/// <c>[ a, b ]</c>, Plotly charts saved as chart-N.html). It uses reflection for TorchSharp and Plotly.NET so the
/// app needs no reference it did not ask for.</summary>
public static class FileAppHelper
{
    public const string Source = """
        /// <summary>Notebook display helpers for this exported app (what the C# kernel provided).</summary>
        static class NotebookDisplay
        {
            /// <summary>Prints a value as the notebook displayed it.</summary>
            public static Displayed display(object? value, params string[] mimeTypes) { Print(value); return new Displayed(); }

            /// <summary>Prints a value as the notebook displayed it.</summary>
            public static Displayed Display(this object? value, params string[] mimeTypes) { Print(value); return new Displayed(); }

            public static void Show(Action run) => run();

            public static void Show<T>(Func<T> value) => Print(value());

            public static Task ShowAsync(Func<Task> run) => run();

            public static async Task ShowAsync<T>(Func<Task<T>> value) => Print(await value());

            private static int charts;

            private static void Print(object? value)
            {
                if (value is Displayed) return;
                Console.WriteLine(Format(value));
            }

            private static string Format(object? value)
            {
                switch (value)
                {
                    case null: return "<null>";
                    case string s: return s;
                    case System.Collections.IEnumerable items when value.GetType().FullName != "TorchSharp.torch+Tensor":
                        return "[ " + string.Join(", ", items.Cast<object?>().Select(Format)) + " ]";
                }
                var type = value.GetType();
                var chart = type;
                while (chart is not null && chart.FullName != "Plotly.NET.GenericChart") chart = chart.BaseType;
                if (chart?.GetMethod("toEmbeddedHTML") is { } toHtml)
                {
                    var file = $"chart-{++charts}.html";
                    File.WriteAllText(file, (string)toHtml.Invoke(null, [value])!);
                    return $"(chart written to {Path.GetFullPath(file)})";
                }
                if (type.FullName == "TorchSharp.torch+Tensor")
                {
                    var style = type.Assembly.GetType("TorchSharp.TensorStringStyle")!;
                    var method = type.GetMethod("ToString", [style, typeof(string), typeof(int?), typeof(System.Globalization.CultureInfo), typeof(string)]);
                    var values = method?.Invoke(value, [Enum.Parse(style, "Numpy"), "g6", 100, System.Globalization.CultureInfo.InvariantCulture, "\n"]);
                    return $"{value}\n{values}";
                }
                return value.ToString() ?? "";
            }

            /// <summary>Result of display(...); Update prints the new value.</summary>
            public sealed class Displayed
            {
                public void Update(object? value) => Print(value);
            }
        }
        """;
}
